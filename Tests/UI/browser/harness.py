"""Browser tests of the web UI: a real `loupe serve` over a workspace built from the real data in
../shared/data, driven by Debian's headless Chromium through chromium-driver (selenium).

Environment:
  LOUPE_BIN          the loupe executable (default: .build/debug/loupe)
  LOUPE_SCREENSHOTS  where page screenshots go (default: .build/ui-screenshots)
  LOUPE_UI_DIRECTORY serve the UI from this folder instead of the built-in one (UI work)

The workspace is built once per test run (voc100 with its detector run `baseline`, a second run
`tuned` made from the same detections, both evaluated; coco128 with masks; 1,500 SMS messages
with a naive Bayes run `spam-nb/v1` trained here, and their TF-IDF → SVD vectors as the embedding
space `sms-tfidf` with stored UMAP and PCA layouts and outlier_lof and near_duplicate reports), then every test
class gets a fresh browser. Every test fails on any console error or warning the page logs.
"""
import json
import os
import random
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
LOUPE = os.environ.get("LOUPE_BIN") or os.path.join(ROOT, ".build", "debug", "loupe")
SCREENSHOTS = os.environ.get("LOUPE_SCREENSHOTS") or os.path.join(ROOT, ".build", "ui-screenshots")


def loupe(*arguments):
    """Runs the CLI; fails with its stderr."""
    result = subprocess.run([LOUPE, *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"loupe {' '.join(arguments)} failed ({result.returncode}): {result.stderr}")
    return result.stdout


def tuned_detections(path):
    """The voc100 detections as a second, different run: scores sharpened (confident ones up,
    doubtful ones down) and half the doubtful ones (score < 0.5) dropped, seeded, so that rows
    flip both ways (a dropped false positive fixes a row, a dropped true positive breaks one)."""
    with open(os.path.join(SHARED, "voc100-detections", "dets", "coco_format", "coco_dets.json")) as file:
        document = json.load(file)
    generator = random.Random(7)
    kept = []
    for detection in document["annotations"]:
        score = detection["score"]
        if score < 0.5 and generator.random() < 0.5:
            continue
        detection["score"] = min(1.0, score * 1.25) if score > 0.5 else score * 0.7
        kept.append(detection)
    document["annotations"] = kept
    with open(path, "w") as file:
        json.dump(document, file)


def spam_classifier(rows_path, predictions_path, messages=1500):
    """The first `messages` SMS Spam Collection messages as text rows (80% train, 20% test, seeded),
    and a real classifier's predictions on the test rows: scikit-learn's multinomial naive Bayes
    over word counts, trained on the train rows. Its probabilities give the run its calibration."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB

    with open(os.path.join(SHARED, "sms-spam", "SMSSpamCollection.tsv"), encoding="utf-8") as file:
        lines = file.read().splitlines()[1:messages + 1]  # the first line is a header
    records = [line.split("\t", 1) for line in lines]
    order = list(range(len(records)))
    random.Random(11).shuffle(order)
    test = set(order[: len(order) // 5])
    with open(rows_path, "w", encoding="utf-8") as file:
        for index, (label, text) in enumerate(records):
            split = "test" if index in test else "train"
            file.write(json.dumps({"key": f"sms-{index:04d}", "label": label, "split": split, "text": text}) + "\n")
    vectorizer = CountVectorizer()
    train = [index for index in range(len(records)) if index not in test]
    model = MultinomialNB().fit(vectorizer.fit_transform([records[i][1] for i in train]), [records[i][0] for i in train])
    tested = sorted(test)
    probabilities = model.predict_proba(vectorizer.transform([records[i][1] for i in tested]))
    with open(predictions_path, "w", encoding="utf-8") as file:
        for index, row in zip(tested, probabilities):
            file.write(json.dumps({"key": f"sms-{index:04d}",
                                   "probabilities": {name: float(p) for name, p in zip(model.classes_, row)}}) + "\n")


def sms_embeddings(rows_path, vectors_path, dimension=64):
    """Embeddings of the SMS rows for the `sms-tfidf` space: TF-IDF over words, reduced to
    `dimension` by a seeded TruncatedSVD and L2-normalized, as JSON Lines {"key", "vector"}."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    with open(rows_path, encoding="utf-8") as file:
        rows = [json.loads(line) for line in file]
    tfidf = TfidfVectorizer().fit_transform([row["text"] for row in rows])
    vectors = normalize(TruncatedSVD(n_components=dimension, random_state=0).fit_transform(tfidf))
    with open(vectors_path, "w", encoding="utf-8") as file:
        for row, vector in zip(rows, vectors):
            file.write(json.dumps({"key": row["key"], "vector": [round(float(v), 6) for v in vector]}) + "\n")


def sms_space(workspace, folder, rows):
    """The `sms-tfidf` embedding space over the SMS rows, with its UMAP and PCA layouts stored, and
    `sms-tfidf-stale`, a PCA layout of 200 of them made stale by a replaced vector."""
    vectors = os.path.join(folder, "sms-tfidf.jsonl")
    sms_embeddings(rows, vectors)
    loupe("import", "embeddings", "--workspace", workspace, "--dataset", "sms", "--space", "sms-tfidf", "--vectors", vectors)
    loupe("project", "--workspace", workspace, "--dataset", "sms", "--space", "sms-tfidf", "--method", "umap", "--epochs", "200", "--json")
    loupe("project", "--workspace", workspace, "--dataset", "sms", "--space", "sms-tfidf", "--method", "pca", "--json")
    # Stored data-issue reports: what the catalog's "Data issues" section and the projector's score colours read.
    for kind in ("outlier_lof", "near_duplicate"):
        loupe("issues", "--workspace", workspace, "--dataset", "sms", "--space", "sms-tfidf", "--kind", kind, "--save", "--json")
    # A second space whose PCA layout is stale: 200 rows laid out, then one of their vectors replaced.
    with open(vectors, encoding="utf-8") as file:
        lines = file.read().splitlines()[:200]
    first, replaced = os.path.join(folder, "stale-a.jsonl"), os.path.join(folder, "stale-b.jsonl")
    with open(first, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    record = json.loads(lines[0])
    record["vector"] = [-v for v in record["vector"]]
    with open(replaced, "w", encoding="utf-8") as file:
        file.write(json.dumps(record) + "\n")
    loupe("import", "embeddings", "--workspace", workspace, "--dataset", "sms", "--space", "sms-tfidf-stale", "--vectors", first)
    loupe("project", "--workspace", workspace, "--dataset", "sms", "--space", "sms-tfidf-stale", "--method", "pca", "--json")
    loupe("import", "embeddings", "--workspace", workspace, "--dataset", "sms", "--space", "sms-tfidf-stale", "--vectors", replaced)


class Workspace:
    """The workspace every browser test reads, built once."""
    _lock = threading.Lock()
    _path = None

    @classmethod
    def path(cls):
        with cls._lock:
            if cls._path is None:
                folder = tempfile.mkdtemp(prefix="loupe-ui-")
                workspace = os.path.join(folder, "ui.sqlite")
                loupe("demo", "--workspace", workspace, "--data", os.path.join(ROOT, "demo"))
                tuned = os.path.join(folder, "tuned.json")
                tuned_detections(tuned)
                loupe("import", "coco", "--workspace", workspace, "--dataset", "voc100", "--annotations", tuned,
                      "--model", "voc-detector", "--run", "tuned")
                for run in ("baseline", "tuned"):
                    loupe("runs", "eval", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector",
                          "--run", run, "--bootstrap", "200", "--replace")
                rows, predictions = os.path.join(folder, "sms.jsonl"), os.path.join(folder, "sms-nb.jsonl")
                spam_classifier(rows, predictions)
                loupe("import", "jsonl", "--workspace", workspace, "--dataset", "sms", rows)
                loupe("import", "jsonl", "--workspace", workspace, "--dataset", "sms", "--predictions", "--model", "spam-nb",
                      "--run", "v1", "--bootstrap", "200", predictions)
                sms_space(workspace, folder, rows)
                coco = os.path.join(SHARED, "coco128")
                loupe("import", "coco", "--workspace", workspace, "--dataset", "coco128",
                      "--annotations", os.path.join(coco, "annotations", "instances_train2017.json"),
                      "--images", os.path.join(coco, "train2017"))
                cls._path = workspace
            return cls._path


class Server:
    """`loupe serve --port 0` on a workspace, stopped by SIGTERM."""

    def __init__(self, workspace):
        arguments = [LOUPE, "serve", "--workspace", workspace, "--port", "0", "--log-level", "warning"]
        if os.environ.get("LOUPE_UI_DIRECTORY"):
            arguments += ["--ui-directory", os.environ["LOUPE_UI_DIRECTORY"]]
        self.process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        marker = line.find("http://")
        if marker < 0:
            self.process.kill()
            raise RuntimeError(f"loupe serve did not report its address: {line!r} {self.process.stderr.read()}")
        self.base = line[marker:].split("/api/v1")[0]

    def api(self, path):
        """A GET of the API, as JSON."""
        with urllib.request.urlopen(self.base + "/api/v1" + path, timeout=60) as response:
            return json.load(response)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def browser():
    """Headless Chromium at 1400×900 that keeps the console log."""
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                     "--disable-gpu", "--force-color-profile=srgb"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class BrowserTestCase(unittest.TestCase):
    """A server and a browser per test class; console errors fail the test that logged them."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(Workspace.path())
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def tearDown(self):
        problems = [entry for entry in self.driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
        self.assertEqual(problems, [], "the page logged errors or warnings")

    def open(self, path):
        """Loads a UI path (`/ui/?view=…`) and waits until the page has rendered."""
        self.driver.get(self.server.base + path)
        self.wait_idle()

    def wait_idle(self, timeout=30):
        """Waits until <main> is no longer busy."""
        WebDriverWait(self.driver, timeout).until(
            lambda driver: driver.execute_script("const m = document.getElementById('main'); return m && !m.hasAttribute('aria-busy') && m.childElementCount > 0"))

    def wait_for(self, selector, timeout=30):
        """The first element matching a CSS selector, once it is visible."""
        return WebDriverWait(self.driver, timeout).until(conditions.visibility_of_element_located((By.CSS_SELECTOR, selector)))

    def find_all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def screenshot(self, name):
        """Saves the page as SCREENSHOTS/name.png."""
        os.makedirs(SCREENSHOTS, exist_ok=True)
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, f"{name}.png"))
