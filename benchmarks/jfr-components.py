#!/usr/bin/env python3
"""Splits a flights run's JFR execution samples by component (session 21 h1, issue 17).

usage: jfr print --json --stack-depth 96 --events jdk.ExecutionSample X.jfr > X.json
       benchmarks/jfr-components.py X.json MARK [COMPONENT]
MARK names a frame of the job's per-flight path (FlightDelayTask: HourlyWindows.add; the raw loop:
FlightsLoop.process): only samples between its first and last sample count (all threads). A sample
goes to the first rule below that its stack matches (so a store's JSON write counts as the store's);
the producer's network thread counts as one component. With COMPONENT: that component's top frames
and its first three Strand frames.
"""
import collections
import json
import sys

RULES = [
    ('rocksdb (JNI)', lambda s: 'org.rocksdb' in s),
    ('store: value serde (JSON)', lambda s: 'io.strand.kv' in s and ('io.strand.serializers' in s or 'jackson' in s)),
    ('store: cache layers', lambda s: 'io.strand.kv' in s),
    ('changelog', lambda s: 'io.strand.changelog' in s),
    ('output: JSON encode', lambda s: ('OutputCollector' in s or 'FlightsLoop' in s)
     and ('jackson' in s or 'JsonSerde' in s or 'JacksonSerde' in s)),
    ('producer send()', lambda s: 'KafkaProducer.send' in s or 'KafkaProducer.doSend' in s),
    ('output path (collector, send queue)', lambda s: 'io.strand.container.output' in s),
    ('sample: CSV parse', lambda s: 'FlightCsv' in s),
    ('input decode (envelope, key serde)', lambda s: 'InputDecoder' in s or 'SerdePair' in s),
    ('consumer poll, fetch parse', lambda s: 'KafkaConsumer.poll' in s or 'ClassicKafkaConsumer' in s),
    ('sample: task code', lambda s: 'io.strand.samples' in s or 'FlightsLoop' in s),
    ('commit / checkpoint', lambda s: 'ommit' in s or 'heckpoint' in s),
    ('run loop, metrics', lambda s: 'io.strand.container' in s),
]


def frames(e):
    st = e['values']['stackTrace']
    return [f['method']['type']['name'].replace('/', '.') + '.' + f['method']['name']
            for f in (st['frames'] if st else [])]


def thread(e):
    t = e['values']['sampledThread']
    return t.get('javaName') or t.get('osName') or '?'


def classify(e, fr):
    if 'producer-network-thread' in thread(e):
        return 'producer I/O thread'
    s = ' '.join(fr)
    for name, rule in RULES:
        if rule(s):
            return name
    return 'other'


def main():
    events = json.load(open(sys.argv[1]))['recording']['events']
    mark = sys.argv[2]
    times = [e['values']['startTime'] for e in events if any(mark in f for f in frames(e))]
    lo, hi = min(times), max(times)
    inside = [e for e in events if lo <= e['values']['startTime'] <= hi]
    counts = collections.Counter()
    main_counts = collections.Counter()
    for e in inside:
        c = classify(e, frames(e))
        counts[c] += 1
        if thread(e) == 'main':
            main_counts[c] += 1
    n = sum(counts.values())
    print(f'samples {n} ({sum(main_counts.values())} of the job thread) from {lo} to {hi}')
    print('| component | all threads | job thread (samples) |')
    print('|---|---:|---:|')
    for c, k in counts.most_common():
        print(f'| {c} | {100 * k / n:.1f} % | {main_counts[c]} |')
    if len(sys.argv) > 3:
        tops, strand = collections.Counter(), collections.Counter()
        for e in inside:
            fr = frames(e)
            if classify(e, fr) != sys.argv[3]:
                continue
            tops[fr[0] if fr else '?'] += 1
            own = [f.split('.')[-2] + '.' + f.split('.')[-1] for f in fr if f.startswith('io.strand')]
            strand[' < '.join(own[:3])] += 1
        for k, v in tops.most_common(20):
            print(v, k)
        print('--')
        for k, v in strand.most_common(30):
            print(v, k)


if __name__ == '__main__':
    main()
