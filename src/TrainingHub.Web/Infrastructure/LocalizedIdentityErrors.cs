using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace TrainingHub.Web.Infrastructure;

/// <summary>Identity's messages (password too short, e-mail taken…) in the reader's language.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), email);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), userName);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), email ?? "");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));

    private IdentityError Error(string code, params object[] args) => new() { Code = code, Description = t["Identity." + code, args] };
}
