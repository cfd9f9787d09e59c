#!/usr/bin/python3
"""Stand-in for the SMPTE seed's client (osc_client.py), written for python3-liblo.

It behaves like the seed on the wire: listens on UDP 5006 for /sync/timecode, and sends the seed's
four messages to 127.0.0.1:5005 as plain messages of strings:
  /trigger/action "Play sound effect"          /cue/lighting "Scene Bright"
  /trigger/action_tc "Start playback" TC       /cue/video_tc "Intro video cue" TC
where TC is the last label it received. It sends them once it has heard --cue-after labels, then
again every --cue-every labels (0: once).

Every line it prints is one JSON object with an "event" key (ready, timecode, sent, done), times as
Unix seconds (time.time()) and as CLOCK_MONOTONIC seconds, so a test can parse them.
"""
import argparse
import json
import queue
import signal
import sys
import threading
import time

import liblo

TIMECODE_ADDRESS = '/sync/timecode'
SEED_CUES = [
    ('/trigger/action', 'Play sound effect', False),
    ('/cue/lighting', 'Scene Bright', False),
    ('/trigger/action_tc', 'Start playback', True),
    ('/cue/video_tc', 'Intro video cue', True),
]
print_lock = threading.Lock()


def emit(event, **fields):
    fields = {'event': event, **fields, 'unix': time.time(), 'mono': time.monotonic()}
    with print_lock:
        sys.stdout.write(json.dumps(fields, default=str) + '\n')
        sys.stdout.flush()


def host_port(text):
    host, _, port = text.rpartition(':')
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError('expected HOST:PORT, got %r' % text)
    return host, int(port)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--listen', type=int, default=5006, help='UDP port for timecode (5006)')
    parser.add_argument('--to', type=host_port, default=('127.0.0.1', 5005),
                        help='where cues go (127.0.0.1:5005)')
    parser.add_argument('--count', type=int, default=0, help='labels to hear, 0 = forever')
    parser.add_argument('--cue-after', type=int, default=1,
                        help='labels to hear before the first cues (1); 0 = never send cues')
    parser.add_argument('--cue-every', type=int, default=0,
                        help='labels between rounds of cues, 0 = one round (0)')
    parser.add_argument('--duration', type=float, default=0,
                        help='seconds to run at most, 0 = no limit')
    options = parser.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    target = liblo.Address(options.to[0], options.to[1], liblo.UDP)
    rounds = queue.Queue()
    state = {'heard': 0}

    def on_message(path, args, types, src):
        if path != TIMECODE_ADDRESS:
            return
        state['heard'] += 1
        heard = state['heard']
        label = args[0] if args and types[:1] in ('s', 'S') else None
        emit('timecode', label=label, types=types, n=heard)
        after, every = options.cue_after, options.cue_every
        if after > 0 and label is not None and (
                heard == after or (every > 0 and heard > after and (heard - after) % every == 0)):
            rounds.put(label)
        if options.count and heard >= options.count:
            rounds.put(None)

    server = liblo.ServerThread(options.listen, liblo.UDP)
    server.add_method(None, None, on_message)
    server.start()
    emit('ready', listen=server.port, to='%s:%d' % options.to)
    deadline = time.monotonic() + options.duration if options.duration > 0 else None
    try:
        while True:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                break
            try:
                label = rounds.get(timeout=wait)
            except queue.Empty:
                break
            if label is None:
                break
            for address, text, with_timecode in SEED_CUES:
                args = [text, label] if with_timecode else [text]
                liblo.send(target, address, *args)
                emit('sent', address=address, args=args)
        emit('done', heard=state['heard'])
    finally:
        server.stop()
        server.free()


if __name__ == '__main__':
    main()
