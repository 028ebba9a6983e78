"""The projector: the sms rows in the stored UMAP layout of the `sms-tfidf` space (TF-IDF → SVD
vectors built by the harness), a box selection that equals the API's points in the same data
region, "find similar" on the selection and on a row page equal to the API's answer, and the
drawing loop timed over a synthetic million points."""
import json
import urllib.parse
import urllib.request

from harness import BrowserTestCase, WebDriverWait

SPACE = "sms-tfidf"


class ProjectorTests(BrowserTestCase):
    def post(self, path, body):
        request = urllib.request.Request(self.server.base + "/api/v1" + path, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)

    def open_projector(self, method="umap"):
        self.open("/ui/?" + urllib.parse.urlencode({"view": "projector", "dataset": "sms", "space": SPACE, "method": method},
                                                     quote_via=urllib.parse.quote))
        WebDriverWait(self.driver, 20).until(lambda driver: driver.execute_script(
            "const c = document.querySelector('.view-projector[data-ready] canvas.projector-canvas'); return c && c.dataset.drawn"))
        return self.wait_for("canvas.projector-canvas")

    def canvas_state(self):
        return self.driver.execute_script("""
            const c = document.querySelector('canvas.projector-canvas');
            const r = c.getBoundingClientRect();
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const seen = new Set();
            for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
            return {left: r.left, top: r.top, width: r.width, height: r.height, colours: seen.size,
                    scale: Number(c.dataset.scale), tx: Number(c.dataset.tx), ty: Number(c.dataset.ty), drawn: Number(c.dataset.drawn)}""")

    def drag(self, x0, y0, x1, y1, **keys):
        """Presses at (x0, y0), moves and releases at (x1, y1) (client pixels), with modifier keys."""
        self.driver.execute_script("""
            const [c, x0, y0, x1, y1, keys] = arguments;
            const at = (type, x, y, target) => target.dispatchEvent(new MouseEvent(type, {clientX: x, clientY: y, button: 0, bubbles: true, cancelable: true, ...keys}));
            at('mousedown', x0, y0, c);
            at('mousemove', (x0 + x1) / 2, (y0 + y1) / 2, window);
            at('mousemove', x1, y1, window);
            at('mouseup', x1, y1, window);""", self.find_all("canvas.projector-canvas")[0], x0, y0, x1, y1, keys)

    def region_keys(self, points, state, sx0, sy0, sx1, sy1):
        """The keys of the API's points inside a screen box (canvas pixels), through the page's transform."""
        to_data = lambda sx, sy: ((sx - state["tx"]) / state["scale"], (state["ty"] - sy) / state["scale"])
        (ax, ay), (bx, by) = to_data(sx0, sy0), to_data(sx1, sy1)
        return [p["key"] for p in points if min(ax, bx) <= p["x"] <= max(ax, bx) and min(ay, by) <= p["y"] <= max(ay, by)]

    def test_box_selection_and_find_similar_match_the_api(self):
        self.open_projector()
        layout = self.server.api(f"/embedding-spaces/{SPACE}/projections/umap?dataset=sms")
        state = self.canvas_state()
        self.assertEqual(state["drawn"], len(layout["points"]))
        self.assertGreaterEqual(state["colours"], 3, "the canvas shows the background and both labels' colours")
        self.screenshot("projector")
        # A box around the densest place of the layout (the point with the most others within 40
        # pixels, so the test does not depend on where UMAP puts its clusters), grown until it holds
        # a few points. Mouse events carry whole client pixels, so the box is chosen in those and
        # mapped to the canvas as the page does.
        left, top = state["left"], state["top"]
        screen = [(p["x"] * state["scale"] + state["tx"], state["ty"] - p["y"] * state["scale"]) for p in layout["points"]]
        densest = max(range(len(screen)), key=lambda i: (sum(1 for (x, y) in screen
                                                              if (x - screen[i][0]) ** 2 + (y - screen[i][1]) ** 2 <= 1600), -i))
        x_mid, y_mid = round(left + screen[densest][0]), round(top + screen[densest][1])
        for half in (10, 15, 20, 30, 45, 60, 80, 110, 150):
            x0, y0, x1, y1 = x_mid - half, y_mid - half, x_mid + half, y_mid + half
            expected = self.region_keys(layout["points"], state, x0 - left, y0 - top, x1 - left, y1 - top)
            if len(expected) >= 5:
                break
        self.assertTrue(5 <= len(expected) <= 200, len(expected))
        self.drag(x0, y0, x1, y1, shiftKey=True)
        WebDriverWait(self.driver, 20).until(lambda _: self.find_all(".selection-head ~ .projector-gallery[data-keys]"))
        shown = [card.get_attribute("data-key") for card in self.find_all(".selection-head + .projector-gallery .projector-card")]
        self.assertEqual(sorted(shown), sorted(expected))
        self.assertEqual(self.find_all(".selection-count")[0].get_attribute("data-count"), str(len(expected)))
        link = self.find_all("a.open-catalog")[0].get_attribute("href")
        self.assertIn("view=catalog", link)
        self.assertIn(urllib.parse.quote(f'key in ["{expected[0]}"', safe="")[:20], link)
        self.screenshot("projector-selection")

        self.find_all("button.find-similar")[0].click()
        answer = self.post(f"/embedding-spaces/{SPACE}/similar", {"dataset": "sms", "keys": expected, "k": 50})
        WebDriverWait(self.driver, 20).until(lambda _: len(self.find_all(".similar-head ~ .projector-gallery .projector-card")) == len(answer["results"]))
        cards = self.find_all(".similar-head ~ .projector-gallery .projector-card")
        self.assertEqual([c.get_attribute("data-key") for c in cards], [r["key"] for r in answer["results"]])
        self.assertEqual([float(c.get_attribute("data-score")) for c in cards], [r["score"] for r in answer["results"]])
        self.screenshot("projector-similar")

    def test_lasso_hover_zoom_colour_and_method(self):
        self.open_projector()
        layout = self.server.api(f"/embedding-spaces/{SPACE}/projections/umap?dataset=sms")
        state = self.canvas_state()
        # Hovering a point's exact screen position previews that row.
        point = layout["points"][0]
        sx, sy = point["x"] * state["scale"] + state["tx"], state["ty"] - point["y"] * state["scale"]
        client_x, client_y = round(state["left"] + sx), round(state["top"] + sy)
        self.driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('mousemove', {clientX: arguments[1], clientY: arguments[2], bubbles: true}))",
                                   self.find_all("canvas.projector-canvas")[0], client_x, client_y)
        tip = self.wait_for(".projector-tip")
        WebDriverWait(self.driver, 10).until(lambda _: self.find_all(".projector-tip .tip-text")[0].text != "")
        # Several points may sit under the pointer: the preview names one of those within the radius.
        px, py = client_x - state["left"], client_y - state["top"]
        near = [p["key"] for p in layout["points"]
                if ((p["x"] * state["scale"] + state["tx"] - px) ** 2 + (state["ty"] - p["y"] * state["scale"] - py) ** 2) <= 36]
        self.assertIn(tip.get_attribute("data-key"), near)
        self.screenshot("projector-hover")
        # A lasso (alt-drag) over a triangle selects the points inside it.
        w, h = state["width"], state["height"]
        self.driver.execute_script("""
            const [c, left, top, path] = arguments;
            const at = (type, [x, y], target) => target.dispatchEvent(new MouseEvent(type, {clientX: left + x, clientY: top + y, button: 0, altKey: true, bubbles: true, cancelable: true}));
            at('mousedown', path[0], c);
            for (const p of path.slice(1)) at('mousemove', p, window);
            at('mouseup', path[path.length - 1], window);""", self.find_all("canvas.projector-canvas")[0], state["left"], state["top"],
            [[w * 0.3, h * 0.1], [w * 0.7, h * 0.1], [w * 0.5, h * 0.9], [w * 0.3, h * 0.1]])
        WebDriverWait(self.driver, 20).until(lambda _: self.find_all(".selection-count"))
        self.assertGreater(int(self.find_all(".selection-count")[0].get_attribute("data-count")), 0)
        # The wheel zooms about the pointer.
        canvas = self.find_all("canvas.projector-canvas")[0]
        self.driver.execute_script("arguments[0].dispatchEvent(new WheelEvent('wheel', {deltaY: -300, clientX: arguments[1], clientY: arguments[2], bubbles: true, cancelable: true}))",
                                   canvas, state["left"] + w / 2, state["top"] + h / 2)
        self.assertGreater(float(canvas.get_attribute("data-scale")), state["scale"])
        # So does the keyboard.
        zoomed = float(canvas.get_attribute("data-scale"))
        self.driver.execute_script("arguments[0].focus(); arguments[0].dispatchEvent(new KeyboardEvent('keydown', {key: '+', bubbles: true}))", canvas)
        self.assertAlmostEqual(float(canvas.get_attribute("data-scale")), zoomed * 1.25)
        # Colour by split: the legend lists the splits, and the URL keeps it.
        self.driver.execute_script("const s = document.querySelector('.color-select'); s.value = 'split'; s.dispatchEvent(new Event('change'))")
        WebDriverWait(self.driver, 10).until(lambda _: sorted(e.get_attribute("data-category") for e in self.find_all(".legend-item")) == ["test", "train"])
        self.assertIn("color=split", self.driver.current_url)
        # The PCA switch loads the other layout.
        self.find_all("button.method-pca")[0].click()
        WebDriverWait(self.driver, 20).until(lambda _: "method=pca" in self.driver.current_url and self.find_all(".view-projector[data-ready] canvas"))
        self.wait_idle()
        pca = self.canvas_state()
        self.assertEqual(pca["drawn"], len(layout["points"]))
        self.screenshot("projector-pca")

    def test_a_stale_layout_says_so_and_computes_again(self):
        self.open("/ui/?" + urllib.parse.urlencode({"view": "projector", "dataset": "sms", "space": "sms-tfidf-stale", "method": "pca"}))
        self.wait_for(".view-projector[data-ready] canvas.projector-canvas")
        self.assertIn("vectors changed", self.wait_for(".projector-note.stale").text)
        self.screenshot("projector-stale")
        self.find_all("button.compute-layout")[0].click()
        # The job runs, the page reloads the new layout, which is current: no note.
        WebDriverWait(self.driver, 60).until(lambda _: self.driver.execute_script(
            "return !document.querySelector('.projector-note') && document.querySelector('.view-projector[data-ready] canvas.projector-canvas')?.dataset.drawn === '200'"))
        self.assertTrue(self.server.api("/embedding-spaces/sms-tfidf-stale/projections/pca?dataset=sms")["current"])

    def test_row_page_lists_the_apis_similar_rows(self):
        key = "sms-0002"
        self.open("/ui/?" + urllib.parse.urlencode({"view": "row", "dataset": "sms", "row": key}))
        button = self.wait_for("button.row-find-similar")
        self.driver.execute_script("document.querySelector('select.similar-space').value = arguments[0]", SPACE)
        button.click()
        answer = self.post(f"/embedding-spaces/{SPACE}/similar", {"dataset": "sms", "keys": [key], "k": 12})
        WebDriverWait(self.driver, 20).until(lambda _: len(self.find_all("ol.similar-rows li")) == len(answer["results"]))
        self.assertEqual([li.get_attribute("data-key") for li in self.find_all("ol.similar-rows li")], [r["key"] for r in answer["results"]])
        self.assertEqual(len(answer["results"]), 12)
        self.screenshot("row-similar")

    def test_home_links_to_the_projector(self):
        self.open("/ui/")
        links = [a.get_attribute("href") for a in self.find_all("table.datasets a") if a.text == "Projector"]
        self.assertEqual(len(links), 1)
        self.assertIn("dataset=sms", links[0])

    def test_a_million_points_redraw(self):
        """Times the drawing loop (projection of the points to the screen, rasterizing into the
        ImageData buffer, putImageData) over 1,000,000 synthetic points, in the page's own modules."""
        self.open_projector()
        figures = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            Promise.all([import('/ui/lib/scatter-raster.js'), import('/ui/lib/scatter-view.js'), import('/ui/lib/point-colors.js'), import('/ui/lib/spatial-grid.js'), import('/ui/lib/selection.js')]).then(([raster, view, colors, spatial, selection]) => {
              const n = 1000000, xs = new Float64Array(n), ys = new Float64Array(n), codes = new Uint16Array(n);
              let seed = 1;
              const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
              for (let i = 0; i < n; i += 1) { const c = i % 5; xs[i] = c * 3 + random() * 2; ys[i] = (c % 2) * 4 + random() * 2; codes[i] = c + 1; }
              const canvas = document.createElement('canvas'); canvas.width = 1370; canvas.height = 540;
              const context = canvas.getContext('2d'), image = context.createImageData(canvas.width, canvas.height);
              const pixels = new Uint32Array(image.data.buffer);
              const palette = colors.packedPalette(['rgb(128, 128, 128)', 'rgb(238, 41, 41)', 'rgb(11, 138, 138)', 'rgb(75, 140, 11)', 'rgb(162, 82, 241)', 'rgb(187, 101, 15)'], [255, 255, 255]);
              const sx = new Float32Array(n), sy = new Float32Array(n);
              let v = view.fitView(view.dataBounds(xs, ys), canvas.width, canvas.height);
              const times = [];
              for (let frame = 0; frame < 12; frame += 1) {
                const t0 = performance.now();
                v = view.zoomView(v, 1.02, 600, 270);
                view.projectPoints(v, xs, ys, sx, sy);
                pixels.fill(0xffffffff);
                const drawn = raster.rasterize(pixels, canvas.width, canvas.height, sx, sy, codes, palette, {size: 2});
                context.putImageData(image, 0, 0);
                times.push(performance.now() - t0);
                if (drawn === 0) throw new Error('nothing drawn');
              }
              times.sort((a, b) => a - b);
              let t0 = performance.now();
              const grid = spatial.buildGrid(sx, sy, canvas.width, canvas.height);
              const gridMs = performance.now() - t0;
              t0 = performance.now();
              for (let q = 0; q < 1000; q += 1) spatial.nearestPoint(grid, sx, sy, (q * 37) % canvas.width, (q * 53) % canvas.height, 6);
              const hoverMs = (performance.now() - t0) / 1000;
              t0 = performance.now();
              const box = selection.selectInBox(xs, ys, view.screenBoxToData(v, 400, 100, 900, 400));
              const boxMs = performance.now() - t0;
              done({median: times[6], min: times[0], max: times[11], gridMs, hoverMs, boxMs, boxCount: box.length});
            }).catch((error) => done({error: String(error)}));""")
        self.assertNotIn("error", figures)
        print(f"\n1,000,000 points: redraw (project + rasterize + putImageData) median {figures['median']:.1f} ms, "
              f"min {figures['min']:.1f}, max {figures['max']:.1f} over 12 frames; hover grid build {figures['gridMs']:.1f} ms, "
              f"nearest-point query {figures['hoverMs'] * 1000:.1f} µs; box selection {figures['boxMs']:.1f} ms ({figures['boxCount']} points)")
        self.assertLess(figures["median"], 1000)
