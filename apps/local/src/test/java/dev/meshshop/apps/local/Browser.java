package dev.meshshop.apps.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real, headless Chromium driven through ChromeDriver, both from the operating system's packages (Debian:
 * {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them). Without them the browser tests
 * are skipped with a message, unless {@code MESH_REQUIRE_BROWSER=true} (set by CI) makes that a failure.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("MESH_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("MESH_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    /** Opens a browser on {@code baseUrl}, or skips the test when no Chromium is installed (see the class). */
    static Browser open(String baseUrl) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Browser tests need Chromium and ChromeDriver at " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver; or set MESH_CHROMIUM and MESH_CHROMEDRIVER)";
        if (!installed && "true".equals(System.getenv("MESH_REQUIRE_BROWSER"))) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(installed, missing);
        Path profile = Files.createTempDirectory("mesh-browser");
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1400,1000",
                        "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile, baseUrl);
    }

    void go(String path) {
        driver.get(baseUrl + path);
    }

    /** Waits until the element is visible; pages render after their API calls return. */
    WebElement find(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    List<WebElement> all(By by) {
        find(by);
        return driver.findElements(by);
    }

    void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Logs in through the login form as {@code user} with {@code password}, as a person does. */
    void logIn(String user, String password) {
        go("/login");
        find(By.name("username")).sendKeys(user);
        find(By.name("password")).sendKeys(password);
        find(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(page -> !page.getCurrentUrl().contains("/login"));
    }

    /** Logs out with the button at the top of every page. */
    void logOut() {
        find(By.id("logout")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(page -> page.getCurrentUrl().contains("/login"));
    }

    /** Runs {@code script} in the page, a function body that may {@code return} a value, as WebDriver returns it. */
    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** Looks into the frame {@code by} from now on, until {@link #leaveFrame()}. */
    void enterFrame(By by) {
        driver.switchTo().frame(find(by));
    }

    /** Looks at the page again, after {@link #enterFrame(By)}. */
    void leaveFrame() {
        driver.switchTo().defaultContent();
    }

    byte[] screenshot() {
        return driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
