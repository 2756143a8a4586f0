"""mpquiz's benchmarks: each module times something against a baseline measured in the same run."""
