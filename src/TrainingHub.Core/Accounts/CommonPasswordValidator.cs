using Microsoft.AspNetCore.Identity;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// Refuses passwords that are easy to guess: built from the most common passwords (the 30 000 of the zxcvbn
/// package's list, with their usual variations: l33t, reversals, added digits), keyboard runs, dates or repeats.
/// zxcvbn scores guessability from 0 to 4; below 3 is refused. A passphrase of a few words passes.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string Code = "PasswordCommon";
    private const int MinimumScore = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success); // the length rule answers for an empty one
        }

        var known = new[] { user.Email, user.DisplayName }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).ToList();
        var score = Zxcvbn.Zxcvbn.MatchPassword(password, known).Score;
        return Task.FromResult(score >= MinimumScore ? IdentityResult.Success : IdentityResult.Failed(new IdentityError { Code = Code, Description = Code }));
    }
}
