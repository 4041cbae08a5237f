package org.pbsj.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver, against the server the
 * build started. {@link #install()} runs {@code scripts/test-browser.sh}, which installs both
 * packages if they are missing. Each instance is one browser with its own profile, so each test
 * has its own session cookie; downloads land in a directory of their own.
 */
final class Browser implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final String BASE = "https://localhost:" + ItServer.PORT;
    static final Path SHOTS = Path.of(System.getProperty("user.dir"), "target", "screenshots");

    /** Paths the install script printed: CHROMIUM, CHROMEDRIVER. */
    record Install(String chromium, String chromedriver) {
    }

    final ChromeDriver driver;
    final Path profile;
    final Path downloads;
    private final WebDriverWait wait;

    private Browser(Install install) throws IOException {
        profile = Files.createTempDirectory("pbsj-chromium-");
        downloads = Files.createDirectories(profile.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(install.chromium());
        // the background-networking flags matter here: without them, connections are refused
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--ignore-certificate-errors", "--user-data-dir=" + profile, "--window-size=1366,900");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(install.chromedriver()).toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1366, 900));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static Browser open(Install install) throws IOException {
        return new Browser(install);
    }

    /** Runs the install script (apt-get as root if needed) and returns what it printed. */
    static Install install() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ROOT.resolve("scripts/test-browser.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(900, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("scripts/test-browser.sh failed:\n" + out);
        }
        Map<String, String> vars = new HashMap<>();
        out.lines().filter(l -> l.contains("=")).forEach(l -> vars.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return new Install(vars.get("CHROMIUM"), vars.get("CHROMEDRIVER"));
    }

    void get(String path) {
        driver.get(BASE + path);
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void type(String id, String text) {
        WebElement e = find(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    void click(By by) {
        try {
            wait.until(ExpectedConditions.elementToBeClickable(by)).click();
        } catch (org.openqa.selenium.WebDriverException e) {
            if (!String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                throw e;
            }
            // Chromium answered for a node of the document being replaced: find the element again
            wait.until(ExpectedConditions.elementToBeClickable(by)).click();
        }
    }

    /** Clicks and waits for the page to be replaced (a non-Ajax submit or link). */
    void clickAndLoad(By by) {
        WebElement old = driver.findElement(By.tagName("html"));
        click(by);
        wait.until(ExpectedConditions.stalenessOf(old));
    }

    /** Clicks a button that asks {@code confirm(...)} first, answering yes, and waits for the new page. */
    void clickConfirmed(By by) {
        driver.executeScript("window.confirm = function () { return true; };");
        clickAndLoad(by);
    }

    /** Whether an element is on the page (no waiting). */
    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    String text(By by) {
        return find(by).getText();
    }

    void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void waitForText(By by, String text, Duration timeout) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    String h1() {
        return text(By.tagName("h1"));
    }

    List<String> messages() {
        return driver.findElements(By.cssSelector("#messages li")).stream().map(e -> e.getText().strip()).toList();
    }

    void login(String user, String password) {
        get("/");
        find(By.id("login:username"));
        type("login:username", user);
        type("login:password", password);
        clickAndLoad(By.id("login:submit"));
    }

    /** Saves a screenshot as {@code target/screenshots/<name>.png}. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The single file the browser downloaded, once complete. */
    Path downloaded(String name) throws InterruptedException, IOException {
        Path file = downloads.resolve(name);
        for (int i = 0; i < 300 && !Files.isRegularFile(file); i++) {
            Thread.sleep(100);
        }
        try (Stream<Path> s = Files.list(downloads)) {
            if (!Files.isRegularFile(file)) {
                throw new AssertionError("no download '" + name + "'; directory has " + s.map(Path::getFileName).toList());
            }
        }
        return file;
    }

    /** The same URL fetched outside the browser with the browser's session cookie: the status code. */
    int statusWithSession(String url) throws IOException, InterruptedException {
        Cookie c = driver.manage().getCookieNamed("JSESSIONID");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : BASE + url)).GET();
        if (c != null) {
            b.header("Cookie", "JSESSIONID=" + c.getValue());
        }
        return ItServer.send(b).status();
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> s = Files.walk(profile)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
