"""The model-run pages: the run list with its history, and a run's dashboard (summary, sortable
per-class table, confusion matrix whose cells open the gallery of their rows)."""
import urllib.parse

from harness import BrowserTestCase, By, WebDriverWait
from selenium.webdriver.support.ui import Select


def formatted(value):
    """The UI's `fixed(value, 3)` for the values these tests meet (no thousands, half-up)."""
    return "—" if value is None else f"{value + (1e-12 if value >= 0 else -1e-12):.3f}"


def quote(name):
    return urllib.parse.quote(name, safe="")


class RunListTests(BrowserTestCase):
    def test_lists_both_runs_with_the_api_headline_values(self):
        self.open("/ui/?view=runs&model=voc-detector")
        self.wait_for("table.runs")
        rows = self.find_all("table.runs tbody tr")
        self.assertEqual([row.find_element(By.CSS_SELECTOR, "td a").text for row in rows], ["baseline", "tuned"])
        for row, name in zip(rows, ["baseline", "tuned"]):
            run = self.server.api(f"/runs/voc-detector%2F{name}")
            summary = {m["name"]: m.get("value") for m in run["evaluations"][0]["summary"]}
            for metric in ("AP", "AP50", "AP75"):
                self.assertEqual(row.find_element(By.CSS_SELECTOR, f"[data-metric='{metric}']").text, formatted(summary[metric]))
        self.assertEqual(len(self.find_all("svg.metric-history")), 4)
        self.assertEqual(len(self.find_all("svg.metric-history circle.dot")), 8)
        link = rows[1].find_element(By.LINK_TEXT, "compare with baseline").get_attribute("href")
        self.assertIn("view=compare", link)
        self.screenshot("runs")


class ConfusionCellChecks:
    """Opening confusion-matrix cells on a dashboard of `RUN`, checked against the confusion endpoint."""
    RUN = ""

    def evaluation(self):
        return self.server.api(f"/runs/{quote(self.RUN)}/evaluations/default")

    def cell_rows(self, actual, predicted):
        """Every row key of a confusion cell, in the API's order, following its cursors."""
        keys, cursor = [], None
        while True:
            query = {"actual": actual, "predicted": predicted, "limit": 7}
            if cursor:
                query["cursor"] = cursor
            page = self.server.api(f"/runs/{quote(self.RUN)}/evaluations/default/confusion?" + urllib.parse.urlencode(query))
            keys += [(row["key"], row["count"]) for row in page["rows"]]
            cursor = page["next_cursor"]
            if cursor is None:
                return keys, page["count"]

    def check_cell(self, actual, predicted):
        button = self.driver.find_element(
            By.CSS_SELECTOR, f".cell-button[data-actual='{actual}'][data-predicted='{predicted}']")
        button.click()
        expected, total = self.cell_rows(actual, predicted)
        pages = 0
        while True:
            # A page has arrived when the gallery is complete or offers the next one.
            WebDriverWait(self.driver, 30).until(lambda d: d.find_elements(
                By.CSS_SELECTOR, ".confusion-gallery[data-complete='true'], .confusion-gallery .load-more"))
            pages += 1
            more = self.find_all(".confusion-gallery .load-more")
            if not more:
                break
            # Thumbnails above the button still load and shift it; a scripted click on the button
            # itself runs the same handler without racing the layout.
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", more[0])
        items = self.find_all(".confusion-gallery li.thumb")
        shown = [(item.get_attribute("data-key"), int(item.find_element(By.CSS_SELECTOR, ".thumb-count").text.rstrip("×"))) for item in items]
        self.assertEqual(shown, expected)
        self.assertEqual(int(button.get_attribute("data-count")), total)
        first = items[0].find_element(By.CSS_SELECTOR, "a").get_attribute("href")
        self.assertIn(f"row={quote(expected[0][0])}", first)
        self.assertIn("view=row", first)
        self.assertIn(f"actual={quote(actual)}", self.driver.current_url)
        return pages


class RunDashboardTests(ConfusionCellChecks, BrowserTestCase):
    RUN = "voc-detector/baseline"

    def open_dashboard(self, extra=""):
        self.open(f"/ui/?view=run&dataset=voc100&run={quote(self.RUN)}{extra}")
        self.wait_for(".metric-cards")

    def test_summary_values_equal_the_api(self):
        self.open_dashboard()
        for metric in self.evaluation()["summary"]:
            card = self.driver.find_element(By.CSS_SELECTOR, f".metric-card[data-metric='{metric['name']}']")
            self.assertEqual(card.find_element(By.CSS_SELECTOR, ".metric-value").text, formatted(metric.get("value")))
            self.assertEqual(card.find_element(By.CSS_SELECTOR, ".metric-support").text, f"support {metric['support']}")
            if "lower" in metric:
                self.assertEqual(card.find_element(By.CSS_SELECTOR, ".metric-interval").text,
                                 f"95% [{formatted(metric['lower'])}, {formatted(metric['upper'])}]")
        self.wait_for("table.importance")
        self.wait_for(".run-plan .curve")
        self.screenshot("run")

    def test_discovered_slices_are_the_apis_and_open_the_catalog(self):
        self.open_dashboard()
        answer = self.server.api(f"/runs/{urllib.parse.quote(self.RUN, safe='')}/slice-discovery?dataset=voc100&key=default")
        if not answer["slices"]:
            self.assertIn("No slice is significantly worse", self.wait_for(".run-slices .empty").text)
            return
        self.wait_for("table.discovered-slices")
        names = self.driver.execute_script(
            "return [...document.querySelectorAll('table.discovered-slices tbody tr')].map((r) => r.cells[0].textContent)")
        self.assertEqual(names, [s["name"] for s in answer["slices"]])
        first = next(s for s in answer["slices"] if s.get("filter"))
        row = self.find_all("table.discovered-slices tbody tr")[[s["name"] for s in answer["slices"]].index(first["name"])]
        row.find_element(By.LINK_TEXT, "Open").click()
        count = self.wait_for(".catalog-count[data-count]")
        self.assertEqual(int(count.get_attribute("data-count")), first["rows"])

    def test_sorting_the_per_class_table_orders_rows_as_the_api_values(self):
        self.open_dashboard()
        per_class = self.evaluation()["per_class"]

        def value(entry, name):
            return next((m.get("value") for m in entry["metrics"] if m["name"] == name), None)

        def shown():
            return [row.get_attribute("data-class-name") for row in self.find_all("table.per-class tbody tr")]

        header = self.driver.find_element(By.CSS_SELECTOR, "table.per-class th[data-column='AP50']")
        header.click()
        # Descending on the first click, missing values last, ties in the API's order.
        present = [e for e in per_class if value(e, "AP50") is not None]
        missing = [e["class_name"] for e in per_class if value(e, "AP50") is None]
        expected = [e["class_name"] for e in sorted(present, key=lambda e: -value(e, "AP50"))] + missing
        self.assertEqual(shown(), expected)
        header.click()
        expected = [e["class_name"] for e in sorted(present, key=lambda e: value(e, "AP50"))] + missing
        self.assertEqual(shown(), expected)
        self.driver.find_element(By.CSS_SELECTOR, "table.per-class th[data-column='class_name']").click()
        self.assertEqual(shown(), sorted(e["class_name"] for e in per_class))

    def test_a_confusion_cell_opens_exactly_the_rows_the_api_returns(self):
        self.open_dashboard("&cell_limit=10")
        matrix = self.evaluation()["details"]["confusion_matrix"]
        classes, counts = matrix["classes"], matrix["counts"]
        # The diagonal's largest cell (more rows than a gallery page), and the largest error cell.
        big = max(range(len(classes) - 1), key=lambda i: counts[i][i])
        errors = [(counts[i][j], i, j) for i in range(len(classes)) for j in range(len(classes)) if i != j and counts[i][j] > 0]
        _, i, j = max(errors)
        self.assertGreater(self.check_cell(classes[big], classes[big]), 1, "the gallery was not paged")
        self.check_cell(classes[i], classes[j])
        self.wait_for(".thumb img[src]")

    def readout(self, metric):
        """A readout value's text, read in one script call: the readout is rebuilt whenever an
        answer arrives, so an element found first could be gone by the time its text is read."""
        return self.driver.execute_script(
            "const e = document.querySelector(`.threshold-readout [data-metric='${arguments[0]}']`); return e ? e.textContent : null", metric)

    def test_the_threshold_control_updates_precision_recall_and_f1(self):
        self.open_dashboard()
        slider = self.wait_for(".run-pr input[name='threshold']")
        self.wait_for(".threshold-readout[data-source='exact'] [data-metric='counts']")
        before = self.readout("recall")
        self.driver.execute_script("arguments[0].value = '0.05'; arguments[0].dispatchEvent(new Event('input')); arguments[0].dispatchEvent(new Event('change'))", slider)
        self.assertIn("threshold=0.05", self.driver.current_url)
        # The readout shows the server's exact counts for the chosen class at that threshold.
        name = Select(self.driver.find_element(By.CSS_SELECTOR, "select[name='pr-class']")).first_selected_option.text
        point = self.server.api(f"/runs/{quote(self.RUN)}/evaluations/default/operating-point?threshold=0.05")
        counts = next(c for c in point["classes"] if c["class"] == name)
        expected = f"{counts['true_positives']} · {counts['false_positives']} · {counts['false_negatives']}"
        WebDriverWait(self.driver, 10).until(lambda _: self.readout("counts") == expected)
        after = self.readout("recall")
        self.assertEqual(float(after), round(counts["recall"], 3))
        self.assertGreaterEqual(float(after), float(before))
        # Another IoU than the evaluation's own falls back to the curve's estimate.
        iou = Select(self.driver.find_element(By.CSS_SELECTOR, "select[name='pr-iou']"))
        iou.select_by_index(len(iou.options) - 1)
        self.wait_for(".threshold-readout[data-source='estimate']")


class ClassificationDashboardTests(ConfusionCellChecks, BrowserTestCase):
    """A classification run (scikit-learn's naive Bayes on SMS spam, trained by the harness)."""
    RUN = "spam-nb/v1"

    def test_summary_calibration_and_a_cell_of_text_rows(self):
        self.open(f"/ui/?view=run&dataset=sms&run={quote(self.RUN)}&cell_limit=10")
        self.wait_for(".metric-cards")
        evaluation = self.evaluation()
        for metric in evaluation["summary"]:
            card = self.driver.find_element(By.CSS_SELECTOR, f".metric-card[data-metric='{metric['name']}']")
            self.assertEqual(card.find_element(By.CSS_SELECTOR, ".metric-value").text, formatted(metric.get("value")))
        # The naive Bayes probabilities give a reliability diagram: one bar per non-empty bin at most.
        bins = evaluation["details"]["reliability"]
        self.wait_for(".run-calibration svg.reliability")
        bars = self.find_all(".run-calibration svg.reliability .bin")
        self.assertGreater(len(bars), 1)
        self.assertLessEqual(len(bars), len(bins))
        # Spam read as ham: text rows, shown as their text, exactly the endpoint's rows.
        matrix = evaluation["details"]["confusion_matrix"]
        self.assertEqual(matrix["classes"], ["ham", "spam"])
        self.assertGreater(matrix["counts"][1][0], 0)
        self.check_cell("spam", "ham")
        texts = self.find_all(".confusion-gallery .thumb-text")
        self.assertGreater(len(texts), 0)
        self.assertEqual(self.find_all(".confusion-gallery img"), [])
        self.screenshot("run-classification")
