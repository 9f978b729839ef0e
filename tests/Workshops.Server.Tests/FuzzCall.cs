namespace Workshops.Server.Tests;

/// <summary>One generated hub call: who makes it, the method name and the raw arguments.</summary>
public sealed record FuzzCall(int Caller, string Method, object?[] Arguments)
{
    public override string ToString() =>
        Caller + " " + Method + "(" + string.Join(", ", Arguments.Select(Describe)) + ")";

    private static string Describe(object? argument) => argument switch
    {
        null => "null",
        string s => s.Length > 40 ? "\"" + s[..40] + "…\"(" + s.Length + ")" : "\"" + s + "\"",
        Array a => a.GetType().Name + "[" + a.Length + "]",
        // Raw text: ToString() of a JSON string holding a lone surrogate throws.
        System.Text.Json.JsonElement json => json.GetRawText() is { Length: > 60 } raw ? raw[..60] + "…" : json.GetRawText(),
        _ => argument.ToString() is { Length: > 60 } text ? text[..60] + "…" : argument.ToString() ?? "",
    };
}
