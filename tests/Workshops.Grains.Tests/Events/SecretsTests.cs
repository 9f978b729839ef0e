using System.Globalization;

namespace Workshops.Grains.Tests.Events;

public sealed class SecretsTests
{
    [Fact]
    public void Join_code_alphabet_has_no_look_alike_characters()
    {
        foreach (var lookAlike in "0O1IL")
        {
            Assert.DoesNotContain(lookAlike, Secrets.JoinCodeAlphabet);
        }

        Assert.All(Secrets.JoinCodeAlphabet, c => Assert.True(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)));
    }

    [Fact]
    public void Join_codes_are_six_characters_of_the_alphabet()
    {
        for (var i = 0; i < 500; i++)
        {
            var code = Secrets.NewJoinCode();
            Assert.Equal(6, code.Length);
            Assert.All(code, c => Assert.Contains(c, Secrets.JoinCodeAlphabet));
        }
    }

    [Fact]
    public void Key_hash_is_the_lower_case_sha256_of_the_utf8_key()
    {
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", Secrets.HashKey("hello"));
        Assert.Equal(64, Secrets.HashKey("mod_ğüşıöçİ").Length);
        Assert.NotEqual(Secrets.HashKey("a"), Secrets.HashKey("A"));
    }

    [Fact]
    public void Normalizing_a_join_code_ignores_case_spaces_and_dashes_under_the_turkish_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
        try
        {
            Assert.Equal("ABC234", Secrets.NormalizeJoinCode(" abc-234 "));
            Assert.Equal("", Secrets.NormalizeJoinCode(null));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Runs_under_the_culture_the_environment_asks_for()
    {
        // The suite is run under LANG=tr_TR.UTF-8 too; this proves that run really was Turkish.
        var lang = Environment.GetEnvironmentVariable("LC_ALL") ?? Environment.GetEnvironmentVariable("LANG") ?? "";
        if (lang.StartsWith("tr_TR", StringComparison.Ordinal))
        {
            Assert.Equal("tr-TR", CultureInfo.CurrentCulture.Name);
        }
        else
        {
            Assert.NotEqual("tr-TR", CultureInfo.CurrentCulture.Name);
        }
    }
}
