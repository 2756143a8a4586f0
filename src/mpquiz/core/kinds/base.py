"""What every kind of question has: its id, topic, prompt, demo and explanation."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from mpquiz.core.proof_codec import proof_from_dict, proof_to_dict
from mpquiz.core.text import Text

if TYPE_CHECKING:
    import random

    from mpquiz.core.proof import Judge, Proof, ProofCheck
    from mpquiz.core.proof_codec import ProofSpec
    from mpquiz.core.verdict import RunFacts


class Kind(StrEnum):
    """The kinds of question; each has its module in core.kinds."""

    CHOICE = "choice"
    NUMERIC = "numeric"
    PREDICT = "predict"
    OPEN = "open"
    EXERCISE = "exercise"


@dataclass(frozen=True, kw_only=True)
class QuestionBase:
    """The fields every kind shares; `qid` is the question's stable id inside its pack."""

    in_exams: ClassVar[bool] = True
    """Whether exams ask it (graded against the key alone, with no demo run)."""
    qid: str
    pack_id: str
    topic: str
    prompt: Text
    demo: str
    explain: Text
    position: int = 0
    args: tuple[str, ...] = ()
    code: str = "none"
    """What code is shown: "none", "all" or the name of a marked region of the demo."""
    evidence: str | None = None
    """A regular expression: the output lines it matches are the proof."""
    varies: bool = False
    """The demo's output changes between runs."""
    timeout: float | None = None
    proof: ProofSpec | None = None
    """What in the demo's output proves the key, as the pack writes it (core.proof);
    see effective_proof."""
    source: str = ""
    """Where the question is written: "questions/FILE.toml:LINE"."""

    @property
    def effective_proof(self) -> Proof | None:
        """The proof the pack gives, or the one the kind implies (a predict question's
        match rule, a numeric question's measured value); None when there is none."""
        return self.proof.proof if self.proof is not None else None

    def judge(self) -> Judge:
        """How the proof's key-dependent parts are judged (core.proof.Judge): by nothing
        here; a numeric question's key and a predict question's rule override it."""
        from mpquiz.core.proof import Judge

        return Judge()

    def prove(self, run: RunFacts | None) -> tuple[ProofCheck, tuple[int, ...]]:
        """What `run` showed of the key, and the output lines to mark (core.proof)."""
        from mpquiz.core.proof import judge_run

        return judge_run(self.effective_proof, self.evidence, run, self.judge())

    def stored_answer(self, answer: str, order: tuple[int, ...]) -> str:
        """A parsed answer in the pack's numbering (`order`: shown index -> pack index);
        only choice answers are positions, every other kind stores values or text."""
        return answer

    def common_dict(self) -> dict[str, Any]:
        """The shared fields as JSON-able data (see core.codec)."""
        return {
            "qid": self.qid,
            "pack_id": self.pack_id,
            "topic": self.topic,
            "prompt": self.prompt.to_dict(),
            "demo": self.demo,
            "explain": self.explain.to_dict(),
            "position": self.position,
            "args": list(self.args),
            "code": self.code,
            "evidence": self.evidence,
            "varies": self.varies,
            "timeout": self.timeout,
            "proof": proof_to_dict(self.proof) if self.proof is not None else None,
            "source": self.source,
        }


def common_fields(d: dict[str, Any]) -> dict[str, Any]:
    """The shared fields' constructor arguments from stored data."""
    return {
        "qid": d["qid"],
        "pack_id": d["pack_id"],
        "topic": d["topic"],
        "prompt": Text(d["prompt"]),
        "demo": d["demo"],
        "explain": Text(d["explain"]),
        "position": d.get("position", 0),
        "args": tuple(d.get("args", ())),
        "code": d.get("code", "none"),
        "evidence": d.get("evidence"),
        "varies": d.get("varies", False),
        "timeout": d.get("timeout"),
        "proof": proof_from_dict(d["proof"]) if d.get("proof") else None,
        "source": d.get("source", ""),
    }


def shuffled_order(count: int, rng: random.Random) -> list[int]:
    """A random order of `count` items."""
    order = list(range(count))
    rng.shuffle(order)
    return order
