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
        _ => argument.ToString() is { Length: > 60 } text ? text[..60] + "…" : argument.ToString() ?? "",
    };
}
