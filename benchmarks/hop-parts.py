#!/usr/bin/env python3
"""Puts each 2 s part of the input hop's windows (InputHop's parts.csv) side by side with what the
machine and the JVMs did in it: machine.csv (MachineSampler), broker-gc.log and, when given, the
harness's GC log (-Xlog:gc,safepoint:file=...:time,uptime). One line per part, Markdown table.
Usage: hop-parts.py <out dir> [harness-gc.log]"""
import csv, re, sys
from datetime import datetime, timezone

PART_MS = 2000


def safepoints(path):
    """[(epoch_ms, total_ms)] of every safepoint in a unified JVM log with the time decoration."""
    out = []
    try:
        f = open(path)
    except OSError:
        return out
    for line in f:
        m = re.match(r'\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)([+-]\d{4})\].*Safepoint .*Total: (\d+) ns', line)
        if m:
            t = datetime.fromisoformat(m.group(1)).replace(tzinfo=timezone.utc)
            off = int(m.group(2)[:3]) * 3600 + int(m.group(2)[0] + m.group(2)[3:]) * 60
            out.append((t.timestamp() * 1000 - off * 1000, int(m.group(3)) / 1e6))
    return out


def main():
    d = sys.argv[1]
    harness_sp = safepoints(sys.argv[2]) if len(sys.argv) > 2 else []
    broker_sp = safepoints(d + '/broker-gc.log')
    rows = list(csv.DictReader(open(d + '/machine.csv')))
    rows = [{k: float(v) for k, v in r.items()} for r in rows]
    print('| window.part | start (UTC) | p99 ms | busy cores | steal % | CPU pressure % | broker cores | broker run-queue wait ms/s | harness cores | harness run-queue wait ms/s | harness hiccup max ms | broker safepoints ms (max) | harness safepoints ms (max) |')
    print('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|')
    for p in csv.DictReader(open(d + '/parts.csv')):
        start = int(p['start_epoch_ms'])
        end = start + PART_MS
        inside = [r for r in rows if start <= r['epoch_ms'] <= end]
        if len(inside) < 2:
            continue
        a, b = inside[0], inside[-1]
        sec = (b['epoch_ms'] - a['epoch_ms']) / 1000

        def rate(col, scale):
            return (b[col] - a[col]) / sec / scale
        busy = rate('busy_ticks', 100)
        steal = rate('steal_ticks', 100) / 2 * 100
        psi = rate('psi_some_us', 1e6) * 100
        bsp = [ms for t, ms in broker_sp if start <= t < end]
        hsp = [ms for t, ms in harness_sp if start <= t < end]
        hic = max(r['hiccup_max_us'] for r in inside[1:]) / 1000
        print('| %s.%s | %s | %s | %.2f | %.1f | %.0f | %.2f | %.0f | %.2f | %.0f | %.1f | %.1f (%.1f) | %s |' % (
            p['window'], p['part'], datetime.fromtimestamp(start / 1000, timezone.utc).strftime('%H:%M:%S'),
            p['p99_ms'], busy, steal, psi, rate('broker_cpu_ns', 1e9), rate('broker_runwait_ns', 1e6),
            rate('harness_cpu_ns', 1e9), rate('harness_runwait_ns', 1e6), hic, sum(bsp), max(bsp, default=0),
            ('%.1f (%.1f)' % (sum(hsp), max(hsp, default=0))) if len(sys.argv) > 2 else '-'))


main()
