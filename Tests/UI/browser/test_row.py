"""The row page: the objects drawn are the ground truth plus the run's predictions over the
threshold, with outcomes from the evaluation, and the keyboard walks the catalog's order."""
import urllib.parse

from harness import BrowserTestCase, WebDriverWait
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

FILTER = "gt.count >= 2"
SORT = "-width"


class RowTests(BrowserTestCase):
    def row_url(self, key, threshold=0.5):
        query = urllib.parse.urlencode({"view": "row", "dataset": "voc100", "row": key, "filter": FILTER, "sort": SORT,
                                        "run": "baseline", "threshold": threshold}, quote_via=urllib.parse.quote)
        return "/ui/?" + query

    def order(self):
        page = self.server.api("/datasets/voc100/rows?" + urllib.parse.urlencode({"filter": FILTER, "sort": SORT, "limit": 1000}))
        return [row["key"] for row in page["rows"]]

    def wait_ready(self, key):
        """Waits until the row page of `key` has found its neighbours (its keys work from then on)."""
        WebDriverWait(self.driver, 20).until(lambda driver: driver.execute_script(
            "const h = document.querySelector('.view-row[data-ready] h1'); return h && h.textContent === arguments[0]", key))

    def current_row(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.driver.current_url).query)
        return query.get("row", [None])[0]

    def test_drawn_objects_are_ground_truth_and_predictions_over_the_threshold(self):
        keys = self.order()
        key = keys[1]
        self.open(self.row_url(key, 0.4))
        self.wait_ready(key)
        segment = urllib.parse.quote(key, safe="")
        truth = self.server.api(f"/datasets/voc100/rows/{segment}")["annotations"]
        predictions = self.server.api(f"/datasets/voc100/rows/{segment}/predictions?run=baseline")["predictions"]
        evaluation = self.server.api(f"/runs/baseline/evaluations/default/rows/{segment}")
        expected = len(truth) + sum(1 for p in predictions if p["score"] >= 0.4)
        self.assertEqual(len(self.find_all(".row-stage svg .shape")), expected)
        self.assertEqual(len(self.find_all("table.objects tr.object-item")), expected)
        shown_fp = len(self.find_all("table.objects .badge.fp"))
        self.assertEqual(shown_fp, sum(1 for o in evaluation["objects"] if o["outcome"] == "fp" and o["score"] >= 0.4))
        # Hovering a list item highlights its shape.
        item = self.find_all("table.objects tr.object-item")[0]
        ActionChains(self.driver).move_to_element(item).perform()
        WebDriverWait(self.driver, 10).until(lambda _: len(self.find_all(".row-stage .shape.highlight")) == 1)
        # The wheel zooms.
        stage = self.wait_for(".row-stage")
        before = float(stage.get_attribute("data-scale"))
        self.driver.execute_script("arguments[0].dispatchEvent(new WheelEvent('wheel', {deltaY: -200, clientX: 300, clientY: 300, bubbles: true, cancelable: true}))", stage)
        self.assertGreater(float(stage.get_attribute("data-scale")), before)
        self.screenshot("row")

    def test_keyboard_walks_the_catalog_order(self):
        keys = self.order()
        self.open(self.row_url(keys[0]))
        self.wait_ready(keys[0])
        body = self.driver.find_element("css selector", "body")
        for key, expected in ((Keys.ARROW_RIGHT, keys[1]), ("j", keys[2]), (Keys.ARROW_LEFT, keys[1]), ("k", keys[0])):
            body.send_keys(key)
            WebDriverWait(self.driver, 20).until(lambda _: self.current_row() == expected)
            self.wait_ready(expected)
        body.send_keys(Keys.ESCAPE)
        WebDriverWait(self.driver, 20).until(lambda _: "view=catalog" in self.driver.current_url)
        self.assertIn("filter=gt.count%20%3E%3D%202", self.driver.current_url)
        self.wait_for(".catalog-count[data-count]")


class MaskTests(BrowserTestCase):
    def test_crowd_masks_are_drawn_from_their_rle(self):
        # 000000000257.jpg has a crowd region stored as a COCO RLE mask beside its polygons.
        key = "000000000257.jpg"
        self.open("/ui/?" + urllib.parse.urlencode({"view": "row", "dataset": "coco128", "row": key}, quote_via=urllib.parse.quote))
        WebDriverWait(self.driver, 20).until(lambda driver: driver.execute_script(
            "const h = document.querySelector('.view-row[data-ready] h1'); return h && h.textContent === arguments[0]", key))
        truth = self.server.api(f"/datasets/coco128/rows/{key}")["annotations"]
        masks = [a for a in truth if a["geometry"]["kind"] == "mask"]
        self.assertGreater(len(masks), 0)
        drawn = self.find_all("svg image.shape.gt")
        self.assertEqual(len(drawn), len(masks))
        for image, mask in zip(drawn, masks):
            self.assertTrue(image.get_attribute("href").startswith("data:image/png;base64,"))
            self.assertEqual(image.get_attribute("width"), str(mask["geometry"]["mask"]["size"][1]))
        drawable = [a for a in truth if a["geometry"]["kind"] in ("box", "polygon", "mask", "point")]
        self.assertEqual(len(self.find_all("svg .shape.gt")), len(drawable))
        self.screenshot("row-mask")
