"""Manager(): a dict, a list and a Namespace that several processes change.

Manager() starts a server process that holds ordinary Python objects. What the other
processes get are proxies: every d[key] = value, lst.append(x) or ns.attr = value is a
message to the server, which applies it to the real object there. So all of them see
the same dict, list and Namespace, of any picklable Python values.

A proxy forwards operations on itself only. d["nested"] sends back a COPY of the plain
list stored under that key, and appending to that copy changes nothing in the server:
take the value, change it, and assign it back (d["kept"] = value), or store a managed
list, manager.list(), in the first place: a proxy inside a proxy.

    python manager_shared.py
    python manager_shared.py --workers 4
"""
import argparse
from multiprocessing import Manager, Process


# region: manager
def work(i, d, lst, ns, lock):
    d[f"w{i}"] = i * i                   # a message to the server: it sets the key
    lst.append(i)                        # also applied in the server
    with lock:                           # += on a proxy is a read, then a write
        ns.total += i
    d["nested"].append(i)                # appends to a COPY of the plain list: lost
    d["managed"].append(i)               # a managed list is a proxy too: kept
    with lock:                           # read, change, write back: kept
        kept = d["kept"]
        kept.append(i)
        d["kept"] = kept


def main(workers):
    with Manager() as manager:           # starts the server process
        d = manager.dict(nested=[], kept=[], managed=manager.list())
        lst = manager.list()
        ns = manager.Namespace()
        ns.total = 0
        lock = manager.Lock()
        procs = [Process(target=work, args=(i, d, lst, ns, lock)) for i in range(workers)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print("dict:", {k: d[k] for k in sorted(d.keys()) if k.startswith("w")})
        print("list:", sorted(lst))      # sorted: the children append in any order
        print("namespace total:", ns.total)
        print("nested list, appended in place:", d["nested"])
        print("nested list, assigned back:", sorted(d["kept"]))
        print("nested manager.list(), appended in place:", sorted(d["managed"]))
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=3)
    main(parser.parse_args().workers)
