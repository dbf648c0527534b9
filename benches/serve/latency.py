"""Times `handout serve` from saving a file to the signal that makes open pages
reload: connects to the server's event stream (/__handout/events) as a page does,
appends a sentence to FILE, and waits for the next build's event. Prints one
latency in seconds per round. Usage: latency.py PORT FILE ROUNDS"""

import json
import socket
import sys
import time


def events(port):
    """The generation of every state event the server sends, as it sends them."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /__handout/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    buffer = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        buffer += chunk
        while b"\n\n" in buffer:
            message, buffer = buffer.split(b"\n\n", 1)
            for line in message.decode("utf-8", "replace").splitlines():
                if line.startswith("data: "):
                    state = json.loads(line[len("data: "):])
                    if state.get("error"):
                        raise SystemExit("the rebuild failed: " + state["error"])
                    yield state["generation"]


def main(port, path, rounds):
    stream = events(int(port))
    generation = next(stream)
    for round in range(int(rounds)):
        # Let the watcher settle between rounds.
        time.sleep(1.0)
        started = time.perf_counter()
        with open(path, "a", encoding="utf-8") as file:
            file.write(f"\nOne more sentence, round {round}.\n")
        for new in stream:
            if new > generation:
                generation = new
                break
        print(f"{time.perf_counter() - started:.3f}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
