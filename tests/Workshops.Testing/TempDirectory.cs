namespace Workshops.Testing;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Initializes a new instance of the <see cref="TempDirectory"/> class.</summary>
    /// <param name="prefix">A word in the folder name telling which test made it.</param>
    public TempDirectory(string prefix = "test")
    {
        Path = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(),
            $"workshops-{prefix}-{Guid.NewGuid().ToString("N", System.Globalization.CultureInfo.InvariantCulture)}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>Gets the absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Returns the absolute path of <paramref name="relative"/> inside the folder.</summary>
    /// <param name="relative">A path relative to the folder.</param>
    /// <returns>The combined path.</returns>
    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    /// <inheritdoc />
    public void Dispose()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Path))
                {
                    Directory.Delete(Path, recursive: true);
                }

                return;
            }
            catch (Exception exception) when ((exception is IOException or UnauthorizedAccessException) && attempt < 5)
            {
                // A process that just exited may still hold a file for a moment.
                Thread.Sleep(200);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Leftover temp files must not fail a test that passed.
                return;
            }
        }
    }
}
