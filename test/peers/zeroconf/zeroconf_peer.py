"""An independent mDNS peer for Syncroscope's discovery tests, on python3-zeroconf (Debian).

  publish --name NAME --port P [--txt KEY=VALUE ...] [--seconds S]
      publishes NAME._osc._udp.local. on 127.0.0.1:P; prints PUBLISHED once announced and
      UNPUBLISHED after its goodbye (on SIGTERM/SIGINT or after S seconds).
  browse [--seconds S]
      browses _osc._udp.local.; prints one JSON object per line for every service added,
      updated or removed: {"event", "name", "server", "port", "addresses", "txt"}.
"""
import argparse
import json
import signal
import socket
import sys
import threading

from zeroconf import IPVersion, ServiceBrowser, ServiceInfo, ServiceStateChange, Zeroconf

TYPE = "_osc._udp.local."


def say(obj):
    print(obj if isinstance(obj, str) else json.dumps(obj), flush=True)


def wait(seconds):
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait(seconds)


def publish(args):
    props = dict(kv.split("=", 1) for kv in args.txt)
    zc = Zeroconf(ip_version=IPVersion.V4Only)
    info = ServiceInfo(
        TYPE,
        f"{args.name}.{TYPE}",
        addresses=[socket.inet_aton("127.0.0.1")],
        port=args.port,
        properties=props,
        server="zeroconf-peer.local.",
    )
    zc.register_service(info)
    say("PUBLISHED")
    wait(args.seconds)
    zc.unregister_service(info)
    zc.close()
    say("UNPUBLISHED")


def text(value):
    return None if value is None else value.decode("utf-8", "replace")


def browse(args):
    zc = Zeroconf(ip_version=IPVersion.V4Only)

    def on_change(zeroconf, service_type, name, state_change):
        event = {"event": state_change.name, "name": name}
        if state_change is not ServiceStateChange.Removed:
            info = zeroconf.get_service_info(service_type, name, timeout=3000)
            if info is None:
                return
            event.update(
                server=info.server,
                port=info.port,
                addresses=info.parsed_addresses(),
                txt={text(k): text(v) for k, v in info.properties.items()},
            )
        say(event)

    ServiceBrowser(zc, TYPE, handlers=[on_change])
    say("BROWSING")
    wait(args.seconds)
    zc.close()


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("publish")
    p.add_argument("--name", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--txt", action="append", default=[])
    p.add_argument("--seconds", type=float, default=60)
    b = sub.add_parser("browse")
    b.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    publish(args) if args.mode == "publish" else browse(args)


if __name__ == "__main__":
    sys.exit(main())
