"""A small Chrome DevTools Protocol driver: start headless chromium, open pages, run script,
record console errors and network requests, block every request that is not a local file."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import websocket

CHROMIUM = os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-port=0",
)


class CDPError(RuntimeError):
    """A protocol command failed, or the page did not get where it was asked to."""


def chromium_path() -> str | None:
    """The chromium executable, or None when it is not installed."""
    if os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


class Browser:
    """One headless chromium process with a fresh profile, driven over its browser socket."""

    def __init__(self, profile: Path, *, width: int = 1280, height: int = 800) -> None:
        executable = chromium_path()
        if executable is None:
            raise CDPError("chromium is not installed")
        profile.mkdir(parents=True, exist_ok=True)
        (profile / "DevToolsActivePort").unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._next_id = 0
        self._responses: dict[int, dict[str, Any]] = {}
        self._ignored: set[int] = set()
        self._pages: dict[str, Page] = {}
        try:
            port, path = _active_port(profile / "DevToolsActivePort", self.process)
            self.socket = websocket.create_connection(
                f"ws://127.0.0.1:{port}{path}", timeout=60, suppress_origin=True
            )
        except BaseException:
            self._stop()
            raise

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> int:
        """Send a command without waiting; return its id."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        return self._next_id

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str = "",
        timeout: float = 60,
    ) -> dict[str, Any]:
        """Send a command and return its result, handling events that arrive meanwhile."""
        ident = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while ident not in self._responses:
            self.pump(deadline)
        reply = self._responses.pop(ident)
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def pump(self, deadline: float) -> None:
        """Read one message and dispatch it; raise CDPError when ``deadline`` passes."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise CDPError("timed out waiting for the browser")
        self.socket.settimeout(remaining)
        try:
            message = json.loads(self.socket.recv())
        except websocket.WebSocketTimeoutException as exc:
            raise CDPError("timed out waiting for the browser") from exc
        if "id" in message:
            if message["id"] in self._ignored:
                self._ignored.discard(message["id"])
            else:
                self._responses[message["id"]] = message
            return
        page = self._pages.get(message.get("sessionId", ""))
        if page is not None:
            page.dispatch(message["method"], message.get("params", {}))

    def ignore(self, ident: int) -> None:
        """Drop the reply to command ``ident`` when it comes."""
        self._ignored.add(ident)

    def new_page(self) -> Page:
        """Open a blank tab and attach to it."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        page = Page(self, target, session["sessionId"])
        self._pages[page.session] = page
        page.start()
        return page

    def close(self) -> None:
        """Close the browser and wait for the process to end."""
        with contextlib.suppress(Exception):
            self.send("Browser.close")
        with contextlib.suppress(Exception):
            self.socket.close()
        self._stop()

    def _stop(self) -> None:
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    """One tab: records errors, requests and dialogs; blocks every request but local files."""

    def __init__(self, browser: Browser, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.loaded = False
        self._handlers: dict[str, Callable[[dict[str, Any]], None]] = {
            "Runtime.consoleAPICalled": self._console,
            "Runtime.exceptionThrown": self._exception,
            "Log.entryAdded": self._log,
            "Network.requestWillBeSent": self._request,
            "Fetch.requestPaused": self._paused,
            "Page.loadEventFired": self._loaded,
            "Page.javascriptDialogOpening": self._dialog,
        }

    def start(self) -> None:
        """Enable the domains the page records, and intercept every request."""
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Fetch.enable", patterns=[{"urlPattern": "*"}])

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Run a protocol command in this tab."""
        return self.browser.call(method, params, self.session)

    def dispatch(self, method: str, params: dict[str, Any]) -> None:
        """Handle one event of this tab."""
        handler = self._handlers.get(method)
        if handler is not None:
            handler(params)

    def navigate(self, url: str, timeout: float = 60) -> None:
        """Open ``url`` and wait for its load event."""
        self.loaded = False
        result = self.call("Page.navigate", url=url)
        if result.get("errorText"):
            raise CDPError(f"cannot open {url}: {result['errorText']}")
        deadline = time.monotonic() + timeout
        while not self.loaded:
            self.browser.pump(deadline)

    def evaluate(self, expression: str) -> Any:
        """Evaluate ``expression`` in the page and return its JSON value."""
        reply = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise CDPError(f"script failed: {text}")
        return reply["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60, interval: float = 0.05) -> Any:
        """Poll ``expression`` until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise CDPError(f"timed out waiting for {expression}")
            time.sleep(interval)

    def click(self, x: float, y: float) -> None:
        """A left click at viewport point ``(x, y)``."""
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y, button="left", clickCount=1)
        self.mouse("mouseReleased", x, y, button="left", clickCount=1)

    def mouse(self, kind: str, x: float, y: float, **extra: Any) -> None:
        """One mouse event at viewport point ``(x, y)``."""
        self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, **extra)

    def type_text(self, text: str) -> None:
        """Type ``text`` into the focused element."""
        self.call("Input.insertText", text=text)

    def press(self, key: str) -> None:
        """Press and release one named key (``Enter``, ``Escape``)."""
        codes = {"Enter": 13, "Escape": 27}
        for kind in ("keyDown", "keyUp"):
            self.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key=key,
                code=key,
                windowsVirtualKeyCode=codes[key],
                text="\r" if key == "Enter" and kind == "keyDown" else "",
            )

    def screenshot(self, path: Path) -> Path:
        """Save a PNG of the viewport."""
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        """Close the tab."""
        self.browser.call("Target.closeTarget", {"targetId": self.target})
        self.browser._pages.pop(self.session, None)

    def _console(self, params: dict[str, Any]) -> None:
        if params.get("type") in ("error", "assert"):
            texts = [str(a.get("value", a.get("description", ""))) for a in params.get("args", [])]
            self.errors.append("console: " + " ".join(texts))

    def _exception(self, params: dict[str, Any]) -> None:
        details = params.get("exceptionDetails", {})
        text = details.get("exception", {}).get("description") or details.get("text")
        self.errors.append(f"exception: {text}")

    def _log(self, params: dict[str, Any]) -> None:
        entry = params.get("entry", {})
        if entry.get("level") == "error":
            self.errors.append(f"log ({entry.get('source')}): {entry.get('text')}")

    def _request(self, params: dict[str, Any]) -> None:
        self.requests.append(params.get("request", {}).get("url", ""))

    def _paused(self, params: dict[str, Any]) -> None:
        url = params.get("request", {}).get("url", "")
        if url.startswith("file://"):
            ident = self.browser.send(
                "Fetch.continueRequest", {"requestId": params["requestId"]}, self.session
            )
        else:
            self.blocked.append(url)
            ident = self.browser.send(
                "Fetch.failRequest",
                {"requestId": params["requestId"], "errorReason": "BlockedByClient"},
                self.session,
            )
        self.browser.ignore(ident)

    def _dialog(self, params: dict[str, Any]) -> None:
        self.dialogs.append(str(params.get("message")))
        ident = self.browser.send("Page.handleJavaScriptDialog", {"accept": False}, self.session)
        self.browser.ignore(ident)

    def _loaded(self, params: dict[str, Any]) -> None:
        self.loaded = True


def _active_port(path: Path, process: subprocess.Popen, timeout: float = 30) -> tuple[str, str]:
    """Read the debugging port and browser socket path chromium writes into its profile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CDPError(f"chromium exited with status {process.returncode}")
        if path.exists():
            lines = path.read_text().splitlines()
            if len(lines) >= 2:
                return lines[0], lines[1]
        time.sleep(0.05)
    raise CDPError(f"chromium did not write {path}")
