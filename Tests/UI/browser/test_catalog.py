"""The catalog: the count and the cards are the API's rows for the filter, a bad filter is shown
inline at the API's position, a facet click filters, and hostile strings stay text."""
import json
import time
import urllib.parse
import urllib.request

from harness import BrowserTestCase, By, WebDriverWait
from selenium.webdriver.common.keys import Keys


def rows_query(filter_text="", sort="", limit=100):
    return "/datasets/voc100/rows?" + urllib.parse.urlencode({"filter": filter_text, "sort": sort, "limit": limit})


def upload_hostile_dataset(server):
    """Imports a one-row text dataset whose class name and metadata value are markup (once per run)."""
    lines = [
        {"classes": ["</script><script>window.__pwned=2</script>"]},
        {"key": "hostile-1", "label": "</script><script>window.__pwned=2</script>", "text": "<b>not bold</b>",
         "tags": ["<i>tag</i>"], "metadata": {"note": '<img src=x onerror="window.__pwned=1">', "n": 3}},
    ]
    body = "\n".join(json.dumps(line) for line in lines).encode()
    request = urllib.request.Request(server.base + "/api/v1/datasets/inject/imports?format=jsonl&replace=true&filename=inject.jsonl",
                                     data=body, method="POST", headers={"Content-Type": "application/x-ndjson"})
    with urllib.request.urlopen(request, timeout=60) as response:
        job = json.load(response)
    deadline = time.time() + 60
    while job["status"] in ("queued", "running"):
        if time.time() > deadline:
            raise AssertionError(f"import job did not finish: {job}")
        time.sleep(0.2)
        job = server.api(f"/jobs/{job['id']}")
    if job["status"] != "succeeded":
        raise AssertionError(f"import job failed: {job}")
    return lines


class CatalogTests(BrowserTestCase):
    def card_keys(self):
        # One script call: the grid re-renders as pages arrive, so cards found first could be gone
        # by the time their attributes are read.
        return self.driver.execute_script(
            "return [...document.querySelectorAll('.grid-sizer a.card')]"
            ".sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map((c) => c.dataset.key)")

    def first_card_index(self):
        """The smallest row index among the cards in the DOM (-1 when there is none)."""
        return self.driver.execute_script(
            "const i = [...document.querySelectorAll('.grid-sizer a.card')].map((c) => Number(c.dataset.index));"
            " return i.length ? Math.min(...i) : -1")

    def wait_cards(self, expected, timeout=30):
        WebDriverWait(self.driver, timeout).until(lambda _: self.card_keys() == expected)

    def open_catalog(self, query="view=catalog&dataset=voc100"):
        self.open("/ui/?" + query)
        return self.wait_for(".catalog-count[data-count]")

    def test_count_and_first_cards_are_the_apis(self):
        count = self.open_catalog()
        page = self.server.api(rows_query())
        self.assertEqual(int(count.get_attribute("data-count")), page["count"])
        WebDriverWait(self.driver, 30).until(lambda _: len(self.card_keys()) > 0)
        shown = self.card_keys()
        self.assertEqual(shown, [row["key"] for row in page["rows"]][:len(shown)])
        # Virtualized: far fewer cards than rows are in the DOM at the top of the grid.
        self.assertLess(len(shown), page["count"])
        WebDriverWait(self.driver, 30).until(lambda _: self.find_all("a.card[data-drawn]"))
        self.screenshot("catalog")

    def test_typed_filter_shows_exactly_the_apis_rows(self):
        self.open_catalog()
        field = self.wait_for("input.filter-input")
        field.send_keys('gt.class = "dog"')
        field.send_keys(Keys.ENTER)
        page = self.server.api(rows_query('gt.class = "dog"'))
        self.wait_cards([row["key"] for row in page["rows"]])
        self.assertIn("filter=gt.class%20%3D%20%22dog%22", self.driver.current_url)
        self.assertEqual(int(self.wait_for(".catalog-count[data-count]").get_attribute("data-count")), page["count"])

    def test_bad_filter_is_shown_inline_at_the_apis_position(self):
        self.open_catalog()
        WebDriverWait(self.driver, 30).until(lambda _: len(self.card_keys()) > 0)
        before = self.card_keys()
        url = self.driver.current_url
        bad = 'width > 100 and gt.clas = "dog"'
        try:
            self.server.api(rows_query(bad))
            self.fail("the API accepted a bad filter")
        except urllib.error.HTTPError as error:
            envelope = json.load(error)["error"]
        field = self.wait_for("input.filter-input")
        field.send_keys(bad)
        field.send_keys(Keys.ENTER)
        message = self.wait_for(".filter-error")
        self.assertEqual(message.get_attribute("data-position"), str(envelope["position"]))
        self.assertEqual(message.find_element(By.CSS_SELECTOR, ".filter-caret").text, " " * envelope["position"] + "^")
        self.assertIn(envelope["message"], message.text)
        self.assertEqual(self.driver.current_url, url)
        self.assertEqual(self.card_keys(), before)
        # The UI checks filters with GET /filter-check, which answers 200 either way: no failed
        # request, so tearDown's check of the console log holds with nothing drained.

    def test_facet_click_filters(self):
        self.open_catalog()
        facet = self.wait_for('.facet[data-field="gt.class"][data-value="cat"]')
        facet.click()
        page = self.server.api(rows_query('gt.class = "cat"'))
        self.wait_cards([row["key"] for row in page["rows"]])
        self.assertIn("filter=gt.class%20%3D%20%22cat%22", self.driver.current_url)
        self.assertEqual(self.find_element_text(".filter-input"), 'gt.class = "cat"')

    def test_sort_by_a_run_metric_follows_the_api(self):
        self.open_catalog("view=catalog&dataset=voc100&sort=-run(%22baseline%22).fp")
        page = self.server.api(rows_query(sort='-run("baseline").fp'))
        WebDriverWait(self.driver, 30).until(lambda _: len(self.card_keys()) > 0)
        shown = self.card_keys()
        self.assertEqual(shown, [row["key"] for row in page["rows"]][:len(shown)])

    def test_hostile_strings_are_text(self):
        lines = upload_hostile_dataset(self.server)
        self.open_catalog("view=catalog&dataset=inject")
        card = self.wait_for('a.card[data-key="hostile-1"]')
        self.assertEqual(card.find_element(By.CSS_SELECTOR, ".row-text").text, "<b>not bold</b>")
        chip = self.wait_for(".legend .chip")
        self.assertEqual(chip.text, lines[0]["classes"][0])
        self.assertIsNone(self.driver.execute_script("return window.__pwned"))
        card.click()
        self.wait_for(".row-facts .metadata")
        self.assertIn(lines[1]["metadata"]["note"], self.wait_for(".row-facts .metadata").text)
        self.assertEqual(self.wait_for(".row-labels .label").text, lines[0]["classes"][0])
        self.assertEqual(self.find_all("img[src='x']"), [])
        self.assertIsNone(self.driver.execute_script("return window.__pwned"))

    def test_dropping_the_scroll_bar_reaches_rows_deep_in_the_view(self):
        count = int(self.open_catalog("view=catalog&dataset=sms").get_attribute("data-count"))
        self.assertEqual(count, 1500)
        scroller = self.wait_for(".grid-scroller")
        for fraction, position in ((0.6, None), (1.0, count - 1)):
            # Where the bar drops, the grid fetches that page by offset (no walk through the pages before).
            self.driver.execute_script("arguments[0].scrollTop = (arguments[0].scrollHeight - arguments[0].clientHeight) * arguments[1]",
                                       scroller, fraction)
            WebDriverWait(self.driver, 30).until(lambda _: self.card_keys())
            if position is None:
                WebDriverWait(self.driver, 30).until(lambda _: self.first_card_index() > 600)
                index = self.first_card_index()
            else:
                index = position
            expected = self.server.api(f"/datasets/sms/rows?offset={index}&limit=1")["rows"][0]["key"]
            WebDriverWait(self.driver, 30).until(
                lambda _: self.find_all(f'.grid-sizer a.card[data-index="{index}"][data-key="{expected}"]'))

    def find_element_text(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector).get_attribute("value")
