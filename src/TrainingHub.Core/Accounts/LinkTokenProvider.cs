using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// Tokens for links sent by e-mail (password reset). Nothing is stored: the token is the creation time, account,
/// purpose and security stamp, encrypted and signed with the application's key ring. It is refused once the security
/// stamp changes (setting a password changes it, so a link works once) and after <see cref="Lifespan"/>, read from the
/// application's <see cref="TimeProvider"/>.
/// </summary>
public sealed class LinkTokenProvider(IDataProtectionProvider protection, TimeProvider time) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string Name = "Links";
    public static readonly TimeSpan Lifespan = TimeSpan.FromHours(PasswordReset.ValidHours);
    private readonly IDataProtector protector = protection.CreateProtector("TrainingHub.Accounts.LinkTokens");

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(false);

    public async Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var stamp = await manager.GetSecurityStampAsync(user);
        var payload = string.Join('\n', time.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture), user.Id, purpose, stamp);
        return Base64Url.EncodeToString(protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(protector.Unprotect(Base64Url.DecodeFromChars(token))).Split('\n');
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return false;
        }

        if (parts.Length != 4 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        var age = time.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
        var stamp = await manager.GetSecurityStampAsync(user);
        return age >= -TimeSpan.FromMinutes(5) && age <= Lifespan
            && parts[1] == user.Id && parts[2] == purpose
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(parts[3]), Encoding.UTF8.GetBytes(stamp));
    }
}
