"""Stored data-issue reports in the UI: the catalog's "Data issues" section opens a report's flagged
rows worst first, exactly the API's rows for that filter and sort, and the projector colours the
points by a report's score in the bins the API's scores fall into."""
import math
import urllib.parse

from harness import BrowserTestCase, WebDriverWait

KIND = "outlier_lof"


class DataIssueTests(BrowserTestCase):
    def card_keys(self):
        return self.driver.execute_script(
            "return [...document.querySelectorAll('.grid-sizer a.card')]"
            ".sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map((c) => c.dataset.key)")

    def test_catalog_section_opens_the_flagged_rows_worst_first(self):
        self.open("/ui/?view=catalog&dataset=sms")
        reports = self.server.api("/datasets/sms/issues")["reports"]
        self.assertEqual(sorted(r["kind"] for r in reports), ["near_duplicate", KIND])
        self.wait_for(".catalog-count[data-count]")
        report = next(r for r in reports if r["kind"] == KIND)
        self.assertGreater(report["flagged_count"], 0, "the SMS set should show some LOF outliers")
        buttons = {b.get_attribute("data-kind"): b for b in self.find_all("button.issue-report")}
        self.assertEqual(sorted(buttons), ["near_duplicate", KIND])
        self.assertIn(f'{report["flagged_count"]:,} / {report["row_count"]:,}', buttons[KIND].text)
        buttons[KIND].click()
        WebDriverWait(self.driver, 30).until(lambda _: "issue" in urllib.parse.unquote(self.driver.current_url)
                                             and self.find_all(".catalog-count[data-count]"))
        count = int(self.wait_for(".catalog-count[data-count]").get_attribute("data-count"))
        self.assertEqual(count, report["flagged_count"])
        expected = self.server.api("/datasets/sms/rows?" + urllib.parse.urlencode(
            {"filter": f'issue("{KIND}").flagged = true', "sort": f'issue("{KIND}")', "limit": 100}))
        WebDriverWait(self.driver, 30).until(lambda _: len(self.card_keys()) > 0)
        shown = self.card_keys()
        self.assertEqual(shown, [row["key"] for row in expected["rows"]][:len(shown)])
        # Worst first: the first card is the report's lowest-scored flagged row.
        worst = self.server.api(f"/datasets/sms/issues/{KIND}?flagged=true&limit=1")["rows"][0]
        scores = self.server.api(f"/datasets/sms/issues/{KIND}/scores")
        by_key = dict(zip(scores["keys"], scores["scores"]))
        self.assertEqual(by_key[shown[0]], worst["score"])
        self.screenshot("catalog-issues")

    def test_projector_colours_by_a_reports_score(self):
        self.open("/ui/?" + urllib.parse.urlencode({"view": "projector", "dataset": "sms", "space": "sms-tfidf", "method": "umap",
                                                     "color": f"issue:{KIND}"}))
        WebDriverWait(self.driver, 30).until(lambda driver: driver.execute_script(
            "const c = document.querySelector('.view-projector[data-ready] canvas.projector-canvas'); return c && c.dataset.drawn"))
        scores = self.server.api(f"/datasets/sms/issues/{KIND}/scores")["scores"]
        expected = {}
        for score in scores:
            k = min(9, math.floor(min(1.0, max(0.0, score)) * 10))
            label = f"{k / 10:.1f}–{(k + 1) / 10:.1f}"
            expected[label] = expected.get(label, 0) + 1
        shown = self.driver.execute_script(
            "return Object.fromEntries([...document.querySelectorAll('.legend-item')].map((e) =>"
            " [e.dataset.category, Number(e.querySelector('.muted').textContent.replace(/,/g, ''))]))")
        self.assertEqual(shown, expected)
        self.assertEqual(self.driver.execute_script("return document.querySelector('.color-select').value"), f"issue:{KIND}")
        self.screenshot("projector-issue-score")

    def test_projector_colours_by_a_runs_correctness(self):
        self.open("/ui/?" + urllib.parse.urlencode({"view": "projector", "dataset": "sms", "space": "sms-tfidf", "method": "pca"}))
        WebDriverWait(self.driver, 30).until(lambda driver: driver.execute_script(
            "const c = document.querySelector('.view-projector[data-ready] canvas.projector-canvas'); return c && c.dataset.drawn"))
        # The run colourings arrive after the first paint.
        self.wait_for(".color-select[data-complete]")
        options = self.driver.execute_script("return [...document.querySelectorAll('.color-select option')].map((o) => o.value)")
        self.assertIn("run:correct:v1", options)
        self.assertIn(f"issue:{KIND}", options)
        self.driver.execute_script("const s = document.querySelector('.color-select'); s.value = 'run:correct:v1'; s.dispatchEvent(new Event('change'))")
        column = self.server.api("/runs/v1/evaluations/default/column?metric=correct")
        expected = {"correct": sum(1 for v in column["values"] if v == 1), "wrong": sum(1 for v in column["values"] if v == 0)}
        # The run was evaluated on the test split only: the other points have no result.
        points = len(self.server.api("/embedding-spaces/sms-tfidf/projections/pca?dataset=sms")["points"])
        expected["(none)"] = points - len(column["keys"])
        legend = lambda: self.driver.execute_script(
            "return Object.fromEntries([...document.querySelectorAll('.legend-item')].map((e) =>"
            " [e.dataset.category, Number(e.querySelector('.muted').textContent.replace(/,/g, ''))]))")
        WebDriverWait(self.driver, 20).until(lambda _: "correct" in legend())
        self.assertEqual(legend(), expected)
        self.assertIn("color=run%3Acorrect%3Av1", self.driver.current_url)
        self.screenshot("projector-correct")
