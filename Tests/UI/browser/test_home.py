"""The start page and the shell: datasets and models listed, navigation without reloads."""
from harness import BrowserTestCase, By


class HomePageTests(BrowserTestCase):
    def test_lists_datasets_and_models_from_the_api(self):
        self.open("/")
        self.assertTrue(self.driver.current_url.endswith("/ui/"))
        datasets = [row.find_element(By.CSS_SELECTOR, "td a").text for row in self.find_all("table.datasets tbody tr")]
        expected = sorted(dataset["name"] for dataset in self.server.api("/datasets")["datasets"])
        self.assertEqual(datasets, expected)
        models = [row.find_element(By.CSS_SELECTOR, "td a").text for row in self.find_all("table.models tbody tr")]
        self.assertEqual(models, sorted(model["name"] for model in self.server.api("/models")["models"]))
        self.assertIn("voc-detector", models)
        self.screenshot("home")

    def test_an_unknown_page_says_so(self):
        self.open("/ui/?view=nowhere")
        self.assertIn("There is no page 'nowhere'", self.wait_for("main .error").text)
