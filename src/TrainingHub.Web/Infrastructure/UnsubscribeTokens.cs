using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Unsubscribe tokens protected with the application's Data Protection keys (kept in the database, so every instance
/// reads every link): the token is the person id, encrypted and signed for this purpose only. A tampered token, or
/// one made for another person, does not validate.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider) : IUnsubscribeTokens
{
    private readonly IDataProtector protector = provider.CreateProtector("TrainingHub.Notifications.Unsubscribe.v1");

    public string Create(int personId) => protector.Protect(personId.ToString(CultureInfo.InvariantCulture));

    public bool IsValid(int personId, string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return false;
        }

        try
        {
            return protector.Unprotect(token) == personId.ToString(CultureInfo.InvariantCulture);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
