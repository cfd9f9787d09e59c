#!/usr/bin/python3
"""Stand-in for the SMPTE seed's master (osc_server.py), written for python3-liblo.

It behaves like the seed on the wire: listens on UDP 5005 for /trigger/* and /cue/*, and sends
/sync/timecode with ONE string "HH:MM:SS:FF" to 127.0.0.1:5006 once per frame. Like the seed, it
counts frames and sleeps 1/fps after each one, so it falls behind real time by whatever each send
and each oversleep costs. Labels are non-drop, counted in whole frames per labelled second.

Every line it prints is one JSON object with an "event" key (ready, sent, received, ignored, done),
times as Unix seconds (time.time()) and as CLOCK_MONOTONIC seconds, so a test can parse them.
"""
import argparse
import json
import signal
import sys
import threading
import time

import liblo

TIMECODE_ADDRESS = '/sync/timecode'
print_lock = threading.Lock()
last_label = None


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


def label_of(frame, base):
    """The seed generator's label: whole frames per labelled second, wrapping after 24 h."""
    frames = frame % base
    total_seconds = frame // base
    seconds = total_seconds % 60
    minutes = (total_seconds // 60) % 60
    hours = (total_seconds // 3600) % 24
    return '%02d:%02d:%02d:%02d' % (hours, minutes, seconds, frames)


def on_message(path, args, types, src):
    if path.startswith('/trigger/') or path.startswith('/cue/'):
        kind = 'trigger' if path.startswith('/trigger/') else 'cue'
        emit('received', kind=kind, address=path, types=types, args=list(args),
             current=last_label, sender='%s:%s' % (src.hostname, src.port))
    else:
        emit('ignored', address=path, types=types)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--listen', type=int, default=5005, help='UDP port for cues (5005)')
    parser.add_argument('--to', type=host_port, default=('127.0.0.1', 5006),
                        help='where timecode goes (127.0.0.1:5006)')
    parser.add_argument('--fps', type=float, default=25.0, help='frame rate (25)')
    parser.add_argument('--count', type=int, default=0, help='frames to send, 0 = forever')
    parser.add_argument('--start', type=int, default=0, help='first frame count (0)')
    parser.add_argument('--linger', type=float, default=2.0,
                        help='seconds to keep listening for cues after the last frame (2)')
    parser.add_argument('--log-sent', action='store_true', help='print a line per frame sent')
    options = parser.parse_args()

    global last_label
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    base = int(round(options.fps))
    target = liblo.Address(options.to[0], options.to[1], liblo.UDP)
    server = liblo.ServerThread(options.listen, liblo.UDP)
    server.add_method(None, None, on_message)
    server.start()
    emit('ready', listen=server.port, to='%s:%d' % options.to, fps=options.fps, base=base)
    try:
        frame = options.start
        sent = 0
        while options.count == 0 or sent < options.count:
            label = label_of(frame, base)
            liblo.send(target, TIMECODE_ADDRESS, label)
            last_label = label
            if options.log_sent:
                emit('sent', frame=frame, label=label)
            frame += 1
            sent += 1
            time.sleep(1.0 / options.fps)
        emit('done', frames=sent, last=last_label)
        time.sleep(options.linger)
    finally:
        server.stop()
        server.free()


if __name__ == '__main__':
    main()
