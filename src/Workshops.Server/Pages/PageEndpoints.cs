namespace Workshops.Server.Pages;

/// <summary>
/// The browser pages, served by the server itself (the hall may have no internet). The
/// bundle is built from ClientApp/ into wwwroot/app by the build.
/// </summary>
internal static class PageEndpoints
{
    public static WebApplication MapWorkshopPages(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // User text is only ever rendered as text; this is the second line of defence.
            // connect-src 'self' covers the hub's WebSocket too: CSP Level 3 lets 'self' match
            // ws:/wss: on the page's own host and port (Chromium, Firefox and Safari do).
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
            await next();
        });
        app.UseStaticFiles();
        Page(app, "/", "index.html");
        Page(app, "/w/{workshopId}", "workshop.html");
        Page(app, "/m/{eventId}", "moderator.html");
        Page(app, "/wall/{workshopId}", "wall.html");
        Page(app, "/plenary/{eventId}", "plenary.html");
        Page(app, "/admin", "admin.html");
        Page(app, "/admin/new", "admin.html");
        Page(app, "/admin/{eventId}/edit", "admin.html");
        Page(app, "/admin/{eventId}/keys", "admin.html");
        Page(app, "/admin/{eventId}/badges", "admin.html");
        Page(app, "/me/{eventId}", "me.html");
        return app;
    }

    private static void Page(WebApplication app, string route, string file) =>
        app.MapGet(route, (IWebHostEnvironment env) =>
        {
            var path = Path.Combine(env.WebRootPath ?? Path.Combine(env.ContentRootPath, "wwwroot"), "app", file);
            return File.Exists(path)
                ? Results.File(path, "text/html; charset=utf-8")
                : Results.Text("The pages are not built: run `dotnet build` (it runs the ClientApp build).", "text/plain", statusCode: 503);
        }).AllowAnonymous().ExcludeFromDescription();
}
