using TrainingHub.Core.Common;

namespace TrainingHub.Core.Certificates;

/// <summary>The reason revocation and reissue both require: present, at most 1 000 characters, trimmed.</summary>
internal static class CertificateReason
{
    public const int MaxLength = 1000;

    /// <summary>The trimmed reason, or the error naming the field.</summary>
    public static (string? Text, FieldError? Error) Check(string? reason)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, new FieldError("Reason", "Certificate.ReasonRequired"));
        }

        return text.Length > MaxLength ? (null, new FieldError("Reason", "Certificate.ReasonTooLong", MaxLength)) : (text, null);
    }
}
