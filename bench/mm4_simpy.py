# The M/M/4 write path of bench/mm4.ts in SimPy 2.3 (Debian's python3-simpy), for `npm run bench`:
# Poisson arrivals, four workers, exponential service, FIFO, a client timeout that cancels a request
# still waiting (reneging) and gives up on one still in service. Prints one JSON line of statistics and
# the CPU time of the simulation alone.
#   /usr/bin/python3 bench/mm4_simpy.py '{"messages": 200000, "arrivalsPerS": 3.5, "workers": 4, "serviceMeanMs": 1000, "timeoutMs": 15000, "seed": 1}'
import json
import random
import sys
import time

from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate

o = json.loads(sys.argv[1])
random.seed(o["seed"])
stats = {"served": 0, "timedOut": 0, "latencySum": 0.0, "messages": 0}


class Request(Process):
    def visit(self, database):
        arrived = now()
        yield (request, self, database), (hold, self, o["timeoutMs"])
        if not self.acquired(database):
            stats["timedOut"] += 1  # still waiting: the client cancels it
            return
        yield hold, self, random.expovariate(1.0 / o["serviceMeanMs"])
        yield release, self, database
        latency = now() - arrived
        if latency > o["timeoutMs"]:
            stats["timedOut"] += 1  # in service when the client gave up
        else:
            stats["served"] += 1
            stats["latencySum"] += latency


class Arrivals(Process):
    def run(self, database):
        gap = 1000.0 / o["arrivalsPerS"]
        for _ in range(o["messages"]):
            yield hold, self, random.expovariate(1.0 / gap)
            r = Request()
            activate(r, r.visit(database))
            stats["messages"] += 1


cpu_start = time.process_time()
wall_start = time.perf_counter()
initialize()
database = Resource(capacity=o["workers"])
source = Arrivals()
activate(source, source.run(database))
simulate(until=1e18)
cpu_ms = (time.process_time() - cpu_start) * 1000
wall_ms = (time.perf_counter() - wall_start) * 1000
served = stats["served"]
print(json.dumps({
    "messages": stats["messages"], "served": served, "timedOut": stats["timedOut"],
    "meanLatencyMs": stats["latencySum"] / max(1, served), "cpuMs": cpu_ms, "wallMs": wall_ms,
}))
