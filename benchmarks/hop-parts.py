#!/usr/bin/env python3
"""Puts each 2 s part of a latency window side by side with what the machine and the JVMs did in it
(issue 17, session 19): CPU busy, steal and pressure, and per process (broker, harness, job) its cores,
its threads' run-queue wait (ms per s: how long runnable threads had no core) and its safepoint
pauses (from -Xlog:gc,safepoint:file=...:time,uptime logs). Markdown table on stdout.

  hop-parts.py hop <InputHop --out dir> [harness-gc.log]
  hop-parts.py suite <results dir> <the harness's output (bin/benchmark ... > it)>
"""
import csv, glob, os, re, sys
from datetime import datetime, timezone

PART_MS = 2000


def safepoints(path):
    """[(epoch_ms, total_ms)] of every safepoint in a unified JVM log with the time decoration."""
    out = []
    if not path or not os.path.exists(path):
        return out
    for line in open(path):
        m = re.match(r'\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)([+-])(\d\d)(\d\d)\].*Safepoint .*Total: (\d+) ns', line)
        if m:
            t = datetime.fromisoformat(m.group(1)).replace(tzinfo=timezone.utc).timestamp()
            off = (int(m.group(3)) * 3600 + int(m.group(4)) * 60) * (1 if m.group(2) == '+' else -1)
            out.append(((t - off) * 1000, int(m.group(5)) / 1e6))
    return out


def hiccup(us):
    """The hiccup meter's slice maximum, ms; '-' when it was off (-1: the suite's default since session 20)."""
    return '-' if us < 0 else '%.1f' % (us / 1000)


def table(label, machine_csv, parts, logs):
    """parts: [(name, start_epoch_ms, p99_ms)]; logs: {process: gc log path}"""
    rows = [{k: float(v) for k, v in r.items()} for r in csv.DictReader(open(machine_csv))]
    procs = [c[:-7] for c in rows[0] if c.endswith('_cpu_ns')] if rows else []
    sp = {p: safepoints(logs.get(p)) for p in procs}
    head = ['part', 'start (UTC)', 'p99 ms', 'busy cores', 'steal %', 'CPU pressure %', 'hiccup max ms']
    for p in procs:
        head += [p + ' cores', p + ' run-queue wait ms/s', p + ' safepoints ms (max)']
    print('\n' + label + '\n')
    print('| ' + ' | '.join(head) + ' |')
    print('|' + '---|' * len(head))
    for name, start, p99 in parts:
        end = start + PART_MS
        inside = [r for r in rows if start <= r['epoch_ms'] <= end]
        if len(inside) < 2:
            continue
        a, b = inside[0], inside[-1]
        sec = (b['epoch_ms'] - a['epoch_ms']) / 1000

        def rate(col, scale):
            return (b[col] - a[col]) / sec / scale
        cells = [name, datetime.fromtimestamp(start / 1000, timezone.utc).strftime('%H:%M:%S'), '%.1f' % p99,
                 '%.2f' % rate('busy_ticks', 100), '%.1f' % (rate('steal_ticks', 100) / 2 * 100),
                 '%.0f' % (rate('psi_some_us', 1e6) * 100),
                 hiccup(max(r['hiccup_max_us'] for r in inside[1:]))]
        for p in procs:
            s = [ms for t, ms in sp[p] if start <= t < end]
            cells += ['%.2f' % rate(p + '_cpu_ns', 1e9), '%.0f' % rate(p + '_runwait_ns', 1e6),
                      ('%.1f (%.1f)' % (sum(s), max(s, default=0))) if logs.get(p) else '-']
        print('| ' + ' | '.join(cells) + ' |')


def main():
    mode, d = sys.argv[1], sys.argv[2]
    if mode == 'hop':
        parts = [(p['window'] + '.' + p['part'], int(p['start_epoch_ms']), float(p['p99_ms']))
                 for p in csv.DictReader(open(d + '/parts.csv'))]
        table('input hop', d + '/machine.csv', parts,
              {'broker': d + '/broker-gc.log', 'harness': sys.argv[3] if len(sys.argv) > 3 else None})
        return
    for line in open(sys.argv[3]):
        m = re.search(r'Latency: (.*) \((.*)\): files (\S+)\.\*, window opened at epoch ms (\d+), p99 of each \d+ ms part: \[(.*)\]', line)
        if not m:
            continue
        name, start = m.group(3), int(m.group(4))
        p99s = [float(x) for x in m.group(5).split(',') if x.strip()]
        w = d + '/workers/' + name
        table('%s, %s' % (m.group(1), m.group(2)), w + '.machine.csv',
              [('%d' % i, start + i * PART_MS, v) for i, v in enumerate(p99s)],
              {'broker': d + '/broker-gc.log', 'job': w + '.gc.log',
               'harness': (sys.argv[4] if len(sys.argv) > 4 else None)})


main()
