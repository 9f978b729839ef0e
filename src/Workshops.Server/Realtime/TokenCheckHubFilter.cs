using Microsoft.AspNetCore.SignalR;
using Workshops.Contracts;
using Workshops.Server.Auth;

namespace Workshops.Server.Realtime;

/// <summary>
/// Every hub call checks that the connection's token is still honoured (the connection was
/// opened with it, perhaps hours ago); a revoked one answers <c>unauthorized</c>, and the
/// sweep closes the connection.
/// </summary>
public sealed class TokenCheckHubFilter(TokenCheck check) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        // A cluster that does not answer here becomes "unavailable" in ContractErrorHubFilter,
        // which runs around this one.
        var honoured = invocationContext.Context.User is { } user && await check.IsHonouredAsync(user);

        if (!honoured)
        {
            throw new HubException(ErrorCodes.Unauthorized + ": the token was revoked (its key was replaced or its event deleted); sign in again");
        }

        return await next(invocationContext);
    }
}
