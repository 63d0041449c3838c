#!/usr/bin/env python3
"""Samples, every PERIOD seconds, the CPU of every thread on the machine grouped by process role and
thread name, and the kernel's dirty-page writeback and disk writes, into a long-format CSV (issue 17,
session 21: why the first latency points of a suite are slower than the later ones).

  thread-sampler.py OUT.csv [PERIOD_S]     runs until killed (SIGTERM / SIGINT)
  thread-sampler.py report OUT.csv HARNESS_OUTPUT [WINDOW_S]
                                           per latency window (from the harness's "window opened at
                                           epoch ms" lines), cores of each (role, thread group), and the
                                           writeback figures; Markdown on stdout

Roles: "broker" (a JVM started with broker-jvm.args), "harness" (BenchmarkCommand), "job" (a JVM
started with <name>.jvm.args: a benchmark worker), "other:<process name>" for the rest. A thread
group is the thread's name (/proc/<pid>/task/<tid>/comm, at most 15 characters) with its trailing
digits replaced by '#' ("kafka-log-clean", "data-plane-kafk", "C2 CompilerThre", "GC Thread##").
Rows: epoch_ms, kind, role, group, value. kind "cpu": ticks (1/100 s) used in the period; "mem":
Dirty / Writeback kB; "vm": /proc/vmstat nr_dirtied / nr_written pages (cumulative); "disk":
sectors written / ms doing I/O of each whole disk (cumulative).
"""
import collections, os, re, signal, sys, time

DIGITS = re.compile(r'\d+')
TRAILING = re.compile(r'\d+$')


def role(pid):
    try:
        cmd = open('/proc/%s/cmdline' % pid, 'rb').read().split(b'\0')
    except OSError:
        return None
    if not cmd or not cmd[0]:
        return None  # a kernel thread: its own comm names it
    joined = b' '.join(cmd)
    if b'broker-jvm.args' in joined:
        return 'broker'
    if b'BenchmarkCommand' in joined:
        return 'harness'
    if b'.jvm.args' in joined:
        return 'job'
    try:
        return 'other:' + DIGITS.sub('#', open('/proc/%s/comm' % pid).read().strip())
    except OSError:
        return None


def threads():
    """{(pid, tid): (role, group, ticks)} of every thread now."""
    out = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        r = role(pid)
        if r is None:
            try:
                r = 'kernel:' + DIGITS.sub('#', open('/proc/%s/comm' % pid).read().strip())
            except OSError:
                continue
        try:
            tids = os.listdir('/proc/%s/task' % pid)
        except OSError:
            continue
        for tid in tids:
            try:
                stat = open('/proc/%s/task/%s/stat' % (pid, tid)).read()
                comm = stat[stat.index('(') + 1:stat.rindex(')')]
                f = stat[stat.rindex(')') + 2:].split()
                ticks = int(f[11]) + int(f[12])  # utime + stime (fields 14, 15)
            except (OSError, ValueError, IndexError):
                continue
            out[(pid, tid)] = (r, TRAILING.sub('#', comm), ticks)
    return out


def system():
    rows = []
    for line in open('/proc/meminfo'):
        k, v = line.split(':', 1)
        if k in ('Dirty', 'Writeback'):
            rows.append(('mem', k, int(v.split()[0])))
    for line in open('/proc/vmstat'):
        k, v = line.split()
        if k in ('nr_dirtied', 'nr_written', 'pgpgout'):
            rows.append(('vm', k, int(v)))
    disks = {d for d in os.listdir('/sys/block') if not d.startswith(('loop', 'ram', 'zram'))}
    for line in open('/proc/diskstats'):
        f = line.split()
        if f[2] in disks:
            rows.append(('disk', f[2] + ':sectors_written', int(f[9])))
            rows.append(('disk', f[2] + ':io_ms', int(f[12])))
    return rows


def sample(path, period):
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    signal.signal(signal.SIGINT, lambda *a: stop.append(1))
    prev = threads()
    with open(path, 'w') as out:
        out.write('epoch_ms,kind,role,group,value\n')
        nxt = time.time()
        while not stop:
            nxt += period
            time.sleep(max(0.0, nxt - time.time()))
            now = threads()
            t = int(time.time() * 1000)
            agg = collections.Counter()
            for k, (r, g, ticks) in now.items():
                d = ticks - prev.get(k, (r, g, 0))[2] if k in prev else ticks if r == 'job' else 0
                if d > 0:
                    agg[(r, g)] += d
            prev = now
            for (r, g), d in sorted(agg.items()):
                out.write('%d,cpu,%s,%s,%d\n' % (t, r, g.replace(',', ';'), d))
            for kind, k, v in system():
                out.write('%d,%s,,%s,%d\n' % (t, kind, k, v))
            out.flush()


def report(path, harness_out, window_s):
    windows = []  # (label, start_ms, end_ms)
    pat = re.compile(r'Latency: (.+?) \((.+?)\): files .*window opened at epoch ms (\d+)')
    for line in open(harness_out, errors='replace'):
        m = pat.search(line)
        if m:
            s = int(m.group(3))
            windows.append(('%s (%s)' % (m.group(1), m.group(2)), s, s + window_s * 1000))
    cpu = collections.defaultdict(list)  # (role, group) -> [(t, ticks)]
    cum = collections.defaultdict(list)  # (kind, group) -> [(t, value)]
    for line in open(path):
        if line.startswith('epoch_ms'):
            continue
        t, kind, r, g, v = line.rstrip('\n').split(',')
        if kind == 'cpu':
            cpu[(r, g)].append((int(t), int(v)))
        else:
            cum[(kind, g)].append((int(t), int(v)))
    for label, s, e in windows:
        sec = (e - s) / 1000
        used = {k: sum(v for t, v in pts if s < t <= e) / 100 / sec for k, pts in cpu.items()}
        by_role = collections.Counter()
        for (r, g), c in used.items():
            by_role[r if not r.startswith(('other:', 'kernel:')) else 'other'] += c
        print('\n### %s, %s-%s UTC\n' % (label, time.strftime('%H:%M:%S', time.gmtime(s / 1000)),
                                           time.strftime('%H:%M:%S', time.gmtime(e / 1000))))
        print('cores: ' + ', '.join('%s %.2f' % kv for kv in sorted(by_role.items())))
        sysline = []
        for (kind, g), pts in sorted(cum.items()):
            inside = [v for t, v in pts if s <= t <= e]
            if len(inside) < 2:
                continue
            if kind == 'mem':
                sysline.append('%s max %d kB' % (g, max(inside)))
            else:
                sysline.append('%s +%d' % (g, inside[-1] - inside[0]))
        print('system: ' + '; '.join(sysline))
        print('\n| role | thread group | cores |\n|---|---|---:|')
        for (r, g), c in sorted(used.items(), key=lambda kv: -kv[1]):
            if c >= 0.01:
                print('| %s | %s | %.3f |' % (r, g, c))


if __name__ == '__main__':
    if sys.argv[1] == 'report':
        report(sys.argv[2], sys.argv[3], float(sys.argv[4]) if len(sys.argv) > 4 else 8)
    else:
        sample(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1.0)
