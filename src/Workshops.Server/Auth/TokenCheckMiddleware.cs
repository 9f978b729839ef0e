using System.Security.Claims;

namespace Workshops.Server.Auth;

/// <summary>
/// After authentication: a token that is validly signed but no longer honoured (rotated key,
/// deleted event, changed admin key) counts as no token, so protected routes answer
/// <c>unauthorized</c> and public ones (sign-in) still work.
/// </summary>
public static class TokenCheckMiddleware
{
    internal const string RevokedItem = "workshops.token-revoked";

    public static IApplicationBuilder UseTokenCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true
                && !await context.RequestServices.GetRequiredService<TokenCheck>().IsHonouredAsync(context.User))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                context.Items[RevokedItem] = true;
            }

            await next();
        });
}
