"""Slices: saving a filter through the form, then the table of slices × runs with the API's metric."""
import json
import urllib.parse
import urllib.request

from harness import BrowserTestCase, By, WebDriverWait


def interval(metric):
    f = lambda v: f"{v + 1e-12:.3f}"
    return f"{f(metric['value'])} [{f(metric['lower'])}, {f(metric['upper'])}]"


class SliceTests(BrowserTestCase):
    def test_a_bad_filter_shows_the_api_message_inline(self):
        self.open("/ui/?view=slices&dataset=voc100")
        self.driver.find_element(By.NAME, "slice-name").send_keys("broken")
        self.driver.find_element(By.NAME, "slice-filter").send_keys("gt.clas == 1")
        self.driver.find_element(By.CSS_SELECTOR, ".slice-form button[type='submit']").click()
        message = self.wait_for(".slice-error .message").text
        request = urllib.request.Request(self.server.base + "/api/v1/datasets/voc100/slices/broken", method="PUT",
                                         data=json.dumps({"filter": "gt.clas == 1"}).encode(), headers={"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(request)
            self.fail("the API accepted a bad filter")
        except urllib.error.HTTPError as error:
            envelope = json.load(error)["error"]
        self.assertEqual(message, envelope["message"])
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, ".slice-error mark").text, "gt.clas == 1"[envelope["position"]:])
        # The page checks with GET /filter-check (200 either way): no failed request is logged,
        # which tearDown holds the console to.

    def test_saving_a_slice_shows_it_with_the_api_metric(self):
        self.open("/ui/?view=slices&dataset=voc100&resamples=100")
        self.driver.find_element(By.NAME, "slice-name").send_keys("busy rows")
        self.driver.find_element(By.NAME, "slice-filter").send_keys("gt.count >= 4")
        self.driver.find_element(By.CSS_SELECTOR, ".slice-form button[type='submit']").click()
        self.wait_for(".slice-form .saved")
        row = self.wait_for("table.slices tr[data-slice='busy rows']")
        WebDriverWait(self.driver, 60).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "tr[data-slice='busy rows'] td[data-state='loading']"))
        saved = self.server.api("/datasets/voc100/slices/busy%20rows")
        self.assertEqual(row.find_element(By.CSS_SELECTOR, "td code").text, "gt.count >= 4")
        self.assertEqual(row.find_elements(By.CSS_SELECTOR, "td")[1].text, str(saved["rows"]))
        for run in ("voc-detector/baseline", "voc-detector/tuned"):
            answer = self.server.api("/datasets/voc100/slices/busy%20rows/metrics?" + urllib.parse.urlencode({"run": run, "resamples": 100}))
            metric = next(m for m in answer["summary"] if m["name"] == "AP50")
            self.assertEqual(row.find_element(By.CSS_SELECTOR, f"td[data-run='{run}']").text, interval(metric))
        self.screenshot("slices")

    def test_the_catalogs_filter_is_saved_as_a_slice_from_the_catalog(self):
        text = 'gt.class = "dog"'
        self.open("/ui/?" + urllib.parse.urlencode({"view": "catalog", "dataset": "voc100", "filter": text}, quote_via=urllib.parse.quote))
        self.wait_for(".catalog-head .save-slice").click()
        self.wait_idle()
        field = self.wait_for("input[name='slice-filter']")
        self.assertEqual(field.get_attribute("value"), text)
        self.driver.find_element(By.NAME, "slice-name").send_keys("dogs")
        self.driver.find_element(By.CSS_SELECTOR, ".slice-form button[type='submit']").click()
        self.wait_for(".slice-form .saved")
        saved = self.server.api("/datasets/voc100/slices/dogs")
        self.assertEqual(saved["filter"], text)
        count = self.server.api("/datasets/voc100/rows?" + urllib.parse.urlencode({"filter": text, "limit": 1}))["count"]
        self.assertEqual(saved["rows"], count)
        self.wait_for("table.slices tr[data-slice='dogs']")
