"""Compare: two runs side by side, the deltas with intervals and verdicts as the API answers."""
from harness import BrowserTestCase, By


def signed(value):
    text = f"{value + (1e-12 if value >= 0 else -1e-12):.3f}"
    if text.startswith("-") and not any(c in "123456789" for c in text):
        text = text[1:]
    return text if text.startswith("-") or not any(c in "123456789" for c in text) else "+" + text


class CompareTests(BrowserTestCase):
    def test_baseline_against_tuned_shows_the_api_deltas(self):
        # Few resamples keep the two comparisons (the page's and this test's) quick; same seed.
        self.open("/ui/?view=compare&dataset=voc100&run=baseline&b=tuned&resamples=50")
        self.wait_for("table.deltas")
        result = self.server.api("/datasets/voc100/compare?a=baseline&b=tuned&resamples=50")
        rows = self.find_all("table.deltas tbody tr")
        self.assertEqual([row.find_element(By.CSS_SELECTOR, "td").text for row in rows], [m["name"] for m in result["metrics"]])
        labels = {"better": "better", "worse": "worse", "not_significant": "not significant"}
        for row, metric in zip(rows, result["metrics"]):
            self.assertEqual(row.find_element(By.CSS_SELECTOR, ".delta").text, signed(metric["difference"]))
            self.assertEqual(row.find_element(By.CSS_SELECTOR, ".verdict").text, labels[metric["verdict"]])
        fixed = self.driver.find_element(By.CSS_SELECTOR, ".flip-gallery.fixed h3").text
        broken = self.driver.find_element(By.CSS_SELECTOR, ".flip-gallery.broken h3").text
        improved = [c for c in result["changes"] if c.get("false_positives", 0) + c.get("false_negatives", 0) < 0]
        worse = [c for c in result["changes"] if c.get("false_positives", 0) + c.get("false_negatives", 0) > 0]
        self.assertEqual(fixed, f"Fixed ({len(improved)})")
        self.assertEqual(broken, f"Broken ({len(worse)})")
        # The harness's tuned run drops half the doubtful detections: rows flip both ways.
        self.assertGreater(len(improved), 0)
        self.assertGreater(len(worse), 0)
        for name, expected in (("fixed", improved), ("broken", worse)):
            shown = [item.get_attribute("data-key") for item in self.find_all(f".flip-gallery.{name} li.thumb")]
            self.assertEqual(shown, [change["key"] for change in expected][:len(shown)])
            self.assertGreater(len(shown), 0)
        self.assertIn(f"unchanged: {result['rows_unchanged']}", self.driver.find_element(By.CSS_SELECTOR, ".row-changes").text)
        self.screenshot("compare")
