using Microsoft.AspNetCore.Identity;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// Checks an e-mail and password for signing in, without telling anyone which part was wrong: an unknown e-mail, a
/// wrong password and a locked account all answer null, and all three hash the password once (a locked or unknown
/// account against a dummy hash), so the answer takes the same time. Failures count towards the lockout as usual.
/// </summary>
public static class CheckPassword
{
    private static readonly Lock Gate = new();
    private static string? dummyHash;

    public static async Task<ApplicationUser?> HandleAsync(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(signIn);
        var user = await users.FindByEmailAsync(email);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            var nobody = new ApplicationUser { DisplayName = "" };
            users.PasswordHasher.VerifyHashedPassword(nobody, DummyHash(users.PasswordHasher, nobody), password);
            return null;
        }

        var outcome = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return outcome.Succeeded ? user : null;
    }

    private static string DummyHash(IPasswordHasher<ApplicationUser> hasher, ApplicationUser nobody)
    {
        lock (Gate)
        {
            return dummyHash ??= hasher.HashPassword(nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        }
    }
}
