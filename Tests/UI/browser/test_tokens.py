"""A token-protected server: the UI asks for a token, then shows the catalog with its images
(fetched with the token); a revoked token brings the question back."""
import json
import os
import shutil
import tempfile

from harness import BrowserTestCase, By, Server, Workspace, WebDriverWait, browser, loupe


class TokenProtectedTests(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        # A copy of the shared workspace: tokens on it would lock the other test classes out.
        cls.folder = tempfile.mkdtemp(prefix="loupe-ui-tokens-")
        cls.workspace = os.path.join(cls.folder, "workspace.sqlite")
        shutil.copyfile(Workspace.path(), cls.workspace)
        cls.secret = json.loads(loupe("tokens", "create", "--workspace", cls.workspace, "--name", "browser",
                                      "--role", "viewer", "--json"))["token"]
        cls.server = Server(cls.workspace)
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.folder, ignore_errors=True)

    def tearDown(self):
        # Chromium logs every 401 answer as a failed resource; those are the point of this test.
        # Anything else the page logs still fails it.
        problems = [entry for entry in self.driver.get_log("browser")
                    if entry["level"] in ("SEVERE", "WARNING") and "401 (Unauthorized)" not in entry["message"]]
        self.assertEqual(problems, [], "the page logged errors or warnings")

    def test_the_token_form_then_the_catalog_with_images(self):
        self.driver.get(self.server.base + "/ui/?view=catalog&dataset=voc100")
        field = self.wait_for("form.token-form input[name='token']")
        field.send_keys(self.secret)
        self.driver.find_element(By.CSS_SELECTOR, "form.token-form button[type='submit']").click()
        count = self.wait_for(".catalog-count[data-count]")
        self.assertEqual(int(count.get_attribute("data-count")), 100)
        # Thumbnails come as blobs fetched with the token (an <img> cannot send it).
        WebDriverWait(self.driver, 30).until(
            lambda d: d.execute_script("return [...document.querySelectorAll('.thumb img')].some((i) => i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0)"))
        self.screenshot("token-catalog")

    def test_a_revoked_token_asks_again(self):
        self.driver.get(self.server.base + "/ui/")
        self.driver.execute_script("sessionStorage.setItem('loupe.token', 'loupe_not-a-real-token')")
        self.driver.get(self.server.base + "/ui/?view=catalog&dataset=voc100")
        self.wait_for("form.token-form input[name='token']")
        self.assertEqual(self.find_all(".catalog-count[data-count]"), [])
