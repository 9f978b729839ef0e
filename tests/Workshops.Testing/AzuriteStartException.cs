namespace Workshops.Testing;

/// <summary>Azurite exited or stayed silent while starting.</summary>
public sealed class AzuriteStartException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="AzuriteStartException"/> class.</summary>
    public AzuriteStartException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AzuriteStartException"/> class.</summary>
    /// <param name="message">What went wrong, with Azurite's last output.</param>
    public AzuriteStartException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AzuriteStartException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public AzuriteStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
