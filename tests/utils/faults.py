"""Loopback servers that misbehave on purpose, for fault tests (no tests here).

Each listens on 127.0.0.1 on a free port, in a thread of the test process, and counts the
connections it accepted, so a test can tell whether a request talked to it at all.
"""

import contextlib
import socket
import socketserver
import threading

# How long a "hanging" server keeps a silent connection open before dropping it, so that
# code with no timeout at all fails a test instead of blocking it for ever.
HANG_LIMIT_SECONDS = 15


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, handler, **attributes):
        self.connections = 0
        self.received = []
        self.stopping = threading.Event()
        self.__dict__.update(attributes)
        super().__init__(("127.0.0.1", 0), handler)

    @property
    def port(self):
        return self.server_address[1]


class _Handler(socketserver.BaseRequestHandler):
    def setup(self):
        self.server.connections += 1

    def hang(self):
        self.server.stopping.wait(HANG_LIMIT_SECONDS)


@contextlib.contextmanager
def running(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join()


class HangingHandler(_Handler):
    """Accepts the connection, then says nothing."""

    def handle(self):
        self.hang()


class RefusingSMTPHandler(_Handler):
    """An SMTP server that turns every client away with a permanent error."""

    def handle(self):
        self.request.sendall(b"554 5.3.2 No service here\r\n")


class SMTPHandler(_Handler):
    """Just enough SMTP to take messages; each one's data lands in server.received."""

    def handle(self):
        stream = self.request.makefile("rb")
        self.request.sendall(b"220 localhost ESMTP test\r\n")
        while line := stream.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.request.sendall(b"250 localhost\r\n")
            elif command == b"DATA":
                self.request.sendall(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                data = []
                while (part := stream.readline()) not in (b".\r\n", b""):
                    data.append(part[1:] if part.startswith(b"..") else part)
                self.server.received.append(b"".join(data).decode("utf-8", "replace"))
                self.request.sendall(b"250 OK\r\n")
            elif command == b"QUIT":
                self.request.sendall(b"221 Bye\r\n")
                return
            else:  # MAIL FROM, RCPT TO, RSET, NOOP
                self.request.sendall(b"250 OK\r\n")


class RefusingHandler(_Handler):
    """Accepts the connection and closes it at once."""

    def handle(self):
        self.request.shutdown(socket.SHUT_RDWR)


class ForwardingHandler(_Handler):
    """Passes bytes to and from server.target, a (host, port); a plain TCP proxy."""

    def handle(self):
        upstream = socket.create_connection(self.server.target)
        pumps = [
            threading.Thread(target=_pump, args=(self.request, upstream), daemon=True),
            threading.Thread(target=_pump, args=(upstream, self.request), daemon=True),
        ]
        for pump in pumps:
            pump.start()
        for pump in pumps:
            pump.join()
        upstream.close()


def _pump(source, target):
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)


def server(handler, **attributes):
    """A context manager: `with faults.server(faults.SMTPHandler) as smtp: ...`."""
    return running(_Server(handler, **attributes))


class SwitchableHandler(ForwardingHandler):
    """A forwarding proxy that can be cut off: `server.cut()` drops every open connection and
    refuses new ones until `server.restore()`, as a cache that goes down and comes back."""

    def handle(self):
        if self.server.is_cut:
            self.request.shutdown(socket.SHUT_RDWR)
            return
        self.server.open.add(self.request)
        try:
            super().handle()
        finally:
            self.server.open.discard(self.request)


class _SwitchableServer(_Server):
    def cut(self):
        self.is_cut = True
        for connection in list(self.open):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def restore(self):
        self.is_cut = False


def switchable(target):
    """A context manager: a proxy to `target` (host, port) that a test can cut and restore."""
    return running(_SwitchableServer(SwitchableHandler, target=target, is_cut=False, open=set()))
