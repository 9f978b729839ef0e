using Microsoft.Playwright;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Browser.Tests;

/// <summary>
/// One real server (Kestrel + silo, SQLite in a temp folder) and one headless Chromium for the
/// collection; each test makes its own event and its own browser contexts (one per person).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // The machine has no network beyond loopback: keep Chromium from probing the internet.
    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-features=Translate,OptimizationHints,MediaRouter",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ];

    private ServerHost? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ServerHost Server => _server ?? throw new InvalidOperationException("not started");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");

    public WorkshopsApi Api { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    public string BaseUrl => Server.BaseUrl;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: the browser tests need Debian's chromium (apt-get install -y chromium; test.sh does it).");
        }

        _server = await ServerHost.StartAsync();
        Api = _server.Api();
        AdminToken = (await Api.SignInAsync(_server.AdminKey)).Token;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = LaunchArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A fresh event with two workshops and the default three areas and groups.</summary>
    public Task<EventCreated> CreateEventAsync(string language = "tr", WorkshopSettings? settings = null) =>
        Api.CreateEventAsync(AdminToken, new EventProgram
        {
            Title = "2. Ulusal Danışma Toplantısı",
            Date = "2021-11-25",
            Venue = "Ankara",
            Language = language,
            Workshops = [new() { Title = "Hassas Gruplar" }, new() { Title = "Eğitim ve Gençlik" }],
            Settings = settings,
        });

    /// <summary>A laptop (facilitator, moderator) browser context.</summary>
    public Task<IBrowserContext> LaptopAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        Locale = "tr-TR",
        TimezoneId = "Europe/Istanbul",
    });

    /// <summary>A phone-sized browser context (a participant in the hall).</summary>
    public Task<IBrowserContext> PhoneAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = "tr-TR",
        TimezoneId = "Europe/Istanbul",
    });

    /// <summary>The projector on the wall.</summary>
    public Task<IBrowserContext> ProjectorAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
        Locale = "tr-TR",
    });
}
