# A client written from the README's "What happens on the wire" alone, with python-socketio and no
# socket-contract code: what a team writing a non-JS client has. It prints one JSON object of what it
# saw; python-wire.test.ts checks it against the README's words.
#
#   python3 python-wire-client.py <url of a default server> <url of a server with versionPolicy "reject">
import json
import sys
import threading

import socketio

URL, STRICT_URL = sys.argv[1], sys.argv[2]
TIMEOUT = 5
seen = {}


def connect(url, namespace, auth=None):
    """Connects, or returns the connect_error's data (the README: `data: { code, message, ... }`)."""
    client = socketio.Client()
    refusal = {}
    client.on("connect_error", lambda data: refusal.setdefault("data", data), namespace=namespace)
    try:
        client.connect(url, namespaces=[namespace], transports=["websocket"], auth=auth, wait_timeout=TIMEOUT)
        return client, None
    except socketio.exceptions.ConnectionError:
        client.disconnect()
        return None, refusal.get("data")


def refused(key, url, namespace, auth=None):
    """Tries a connection the server refuses, in the background: python-socketio waits out its
    wait_timeout before it gives up on a refused namespace."""

    def attempt():
        _, seen[key] = connect(url, namespace, auth)

    thread = threading.Thread(target=attempt)
    thread.start()
    return thread


# The handshake: `auth` checked by the namespace's schema; a refusal is connect_error with { code, message }.
# Dynamic namespaces: the parameters are checked; a refusal carries the issues.
# versionPolicy "reject": a client that says nothing of its contract is refused, and the refusal names
# the server's contract.
refusals = [
    refused("auth_refused", URL, "/app", {"token": ""}),
    refused("org_refused", URL, "/org/Not-Valid!"),
    refused("strict_refused", STRICT_URL, "/app", {"token": "ann"}),
]
app, _ = connect(URL, "/app", {"token": "ann"})
ns = "/app"
reports = []
frames = []
ended = {}
credited = {}
answer_with = {"mode": "envelope"}


def call(event, *args):
    return app.call(event, args if len(args) != 1 else args[0], namespace=ns, timeout=TIMEOUT)


app.on("contract:error", lambda report: reports.append(report), namespace=ns)


@app.on("question", namespace=ns)
def on_question(text):
    # "Every ack travels in one envelope", the answers a client gives to a server included.
    if answer_with["mode"] == "bare":
        return {"answer": text.upper()}
    return {"ok": True, "data": {"answer": text.upper()}}


@app.on("*", namespace=ns)
def on_frame(event, *args):
    frames.append([event, *args])
    if event == "contract:item":
        app.emit("contract:credit", (args[0], 1), namespace=ns)  # one more item for each one read
    elif event == "contract:end":
        ended.setdefault(args[0], threading.Event()).set()
    elif event == "contract:credit":
        credited.setdefault(args[0], threading.Event()).set()


def wait(events, stream_id):
    return events.setdefault(stream_id, threading.Event()).wait(TIMEOUT)


# Acks: an event with an ack carries Socket.IO's callback last; the answer is the envelope.
seen["ack"] = call("note:add", {"title": "t", "body": "b", "unknown": 1})
seen["invalid"] = call("note:add", {"title": "", "body": "b"})
seen["arity"] = call("note:add", {"title": "t", "body": "b"}, "extra")
seen["custom"] = call("note:add", {"title": "full", "body": ""})
seen["unknown"] = call("nope")
seen["handler"] = call("boom")
seen["forbidden"] = call("staff")
# Binary: Python bytes travel as Socket.IO attachments, at any depth, both ways.
binary = call("file:put", {"name": "a", "meta": {"bytes": b"\x00\x01\xff"}})
seen["binary"] = {**binary, "data": {**binary["data"], "echo": list(binary["data"]["echo"])}}
seen["binary_type"] = type(binary["data"]["echo"]).__name__
seen["binary_too_big"] = call("file:put", {"name": "a", "meta": {"bytes": b"\x00" * 9}})
seen["binary_not_bytes"] = call("file:put", {"name": "a", "meta": {"bytes": "AAEC"}})
# An ack-less event sent with a callback is acknowledged with { ok: true }.
seen["ackless_with_callback"] = call("log", "hello")

# Without an ack, a refusal comes back as the event contract:error.
app.emit("log", 5, namespace=ns)
app.emit("note:add", {"title": "t", "body": ""}, namespace=ns)
app.emit("tell", "why", namespace=ns)
app.emit("no:such:event", namespace=ns)

# A server's ack-bearing event: answered with an envelope, then with a bare value.
seen["server_ack"] = call("ask", "name?")
answer_with["mode"] = "bare"
seen["server_ack_bare"] = call("ask", "name?")

# Streams: plain events on reserved names, ids odd and increasing from a client.
app.emit("contract:open", ({"id": 1, "event": "count", "credit": 2}, 5), namespace=ns)
wait(ended, 1)
app.emit("contract:open", ({"id": 3, "event": "upload", "credit": 0}, {"name": "f"}), namespace=ns)
wait(credited, 3)
for chunk in [b"\x01\x02", b"\x03\x04\x05"]:
    app.emit("contract:item", (3, chunk), namespace=ns)
app.emit("contract:end", (3, {"ok": True}), namespace=ns)
wait(ended, 3)
app.emit("contract:open", ({"id": 5, "event": "nope", "credit": 16}), namespace=ns)
wait(ended, 5)
app.emit("contract:credit", (99, 1), namespace=ns)
seen["after_frames"] = call("note:add", {"title": "still", "body": ""})
seen["frames"] = [frame for frame in frames if frame[0] != "contract:error"]
seen["reports"] = reports
app.disconnect()

org, _ = connect(URL, "/org/acme")
seen["org"] = org.call("whoami", namespace="/org/acme", timeout=TIMEOUT)
org.disconnect()

for thread in refusals:
    thread.join()
# A client that sends the server's identity under "~contract" is admitted.
identity = seen["strict_refused"]["data"]["data"]["server"]
strict, seen["strict_refused_again"] = connect(STRICT_URL, "/app", {"token": "ann", "~contract": identity})
seen["strict"] = strict.call("note:add", {"title": "t", "body": ""}, namespace="/app", timeout=TIMEOUT)
strict.disconnect()

print(json.dumps(seen))
