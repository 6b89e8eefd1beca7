#!/usr/bin/python3
"""Opens a report page in Debian's headless Chromium, driven over the
DevTools protocol (python3-websocket), and checks its interactive map:
no network request (only the file itself and data: URIs), no console error
or uncaught exception, the map's features drawn, and a click on a facility
opens its popup with that facility's name as the project database has it.

    webmap_check.py PAGE.html --db PROJECT.sqlite [--id F0001] [--screenshot OUT.png]

Prints one line of figures; exit 0 when every check passes, 1 otherwise."""
import argparse
import base64
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="webmap-chromium-")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--window-size=1200,900", "--remote-debugging-port=0", "--user-data-dir=" + self.profile,
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        port = int(open(port_file).read().split()[0])
        for _ in range(100):
            pages = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port))
            pages = [p for p in pages if p.get("type") == "page"]
            if pages:
                break
            time.sleep(0.1)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            for e in self.events:
                if e.get("method") == method:
                    return e
            self.ws.settimeout(max(0.1, deadline - time.time()))
            self.events.append(json.loads(self.ws.recv()))
        raise RuntimeError("no " + method)

    def evaluate(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError("script: %s" % r["exceptionDetails"])
        return r["result"].get("value")

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=30)
            shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page")
    parser.add_argument("--db", required=True)
    parser.add_argument("--id", default=None, help="facility to click (default: the first with a location)")
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    page = os.path.abspath(args.page)
    problems = []

    browser = Browser()
    try:
        for domain in ("Page", "Runtime", "Network", "Log"):
            browser.call(domain + ".enable")
        browser.call("Page.navigate", url="file://" + page)
        browser.wait_for("Page.loadEventFired")
        drawn = browser.evaluate("""(() => {
            const m = window.shisetsuMaps && window.shisetsuMaps[0];
            if (!m) return null;
            return {maps: window.shisetsuMaps.length,
                    paths: document.querySelectorAll('.webmap .leaflet-overlay-pane path').length,
                    layers: Object.keys(m.layers).length,
                    switcher: document.querySelectorAll('.leaflet-control-layers-overlays input').length,
                    legend: document.querySelectorAll('.webmap-legend .webmap-swatch').length};
        })()""")
        if not drawn:
            problems.append("no interactive map on the page")
            drawn = {}
        elif drawn["paths"] == 0:
            problems.append("the map drew no feature")
        if drawn and drawn["switcher"] < 2:
            problems.append("no layer switcher")
        if drawn and drawn["legend"] == 0:
            problems.append("no legend")

        # The facility, and its name from the project database (not from the page).
        with sqlite3.connect("file:%s?mode=ro" % os.path.abspath(args.db), uri=True) as db:
            if args.id:
                row = db.execute("SELECT facility_id, name FROM facility WHERE facility_id = ?", (args.id,)).fetchone()
            else:
                row = db.execute("SELECT facility_id, name FROM facility WHERE geom IS NOT NULL "
                                 "ORDER BY facility_id LIMIT 1").fetchone()
        facility_id, expected = row
        popup = None
        if drawn:
            # Centre the map on the facility at street level, then click the
            # middle of the map as a person would.
            point = browser.evaluate("""(() => {
                const m = window.shisetsuMaps[0];
                let target = null;
                for (const group of Object.values(m.layers))
                    if (m.map.hasLayer(group))
                        group.eachLayer(l => { if (!target && l.getLatLng && l.feature.properties.id === %s) target = l; });
                if (!target) return null;
                m.map.getContainer().scrollIntoView({block: 'center'});
                m.map.setView(target.getLatLng(), 18, {animate: false});
                const box = m.map.getContainer().getBoundingClientRect();
                const p = m.map.latLngToContainerPoint(target.getLatLng());
                return {x: box.left + p.x, y: box.top + p.y};
            })()""" % json.dumps(facility_id))
            if not point:
                problems.append("facility %s is not on the map" % facility_id)
            else:
                time.sleep(0.3)
                for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
                    browser.call("Input.dispatchMouseEvent", type=kind, x=point["x"], y=point["y"],
                                 button="left", clickCount=1)
                time.sleep(0.3)
                popup = browser.evaluate("""(() => {
                    const c = document.querySelector('.leaflet-popup-content');
                    return c ? c.innerText : null; })()""")
                if not popup:
                    problems.append("a click on %s opened no popup" % facility_id)
                elif popup.splitlines()[0].strip() != expected:
                    problems.append("the popup names %r, not %r" % (popup.splitlines()[0], expected))
        if args.screenshot:
            shot = browser.call("Page.captureScreenshot", format="png")
            with open(args.screenshot, "wb") as out:
                out.write(base64.b64decode(shot["data"]))

        requests, errors = [], []
        for e in browser.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not (url == "file://" + page or url.startswith("data:")):
                    requests.append(url)
            elif method == "Runtime.exceptionThrown":
                errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                errors.append(params["entry"].get("text", ""))
        if requests:
            problems.append("network requests: " + ", ".join(requests[:5]))
        if errors:
            problems.append("console errors: " + " | ".join(errors[:5]))
        print(json.dumps({"page": os.path.basename(page), "drawn": drawn, "requests": len(requests),
                          "errors": len(errors), "clicked": facility_id, "popup": popup}, ensure_ascii=False))
    finally:
        browser.close()
    for p in problems:
        print("FAIL: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
