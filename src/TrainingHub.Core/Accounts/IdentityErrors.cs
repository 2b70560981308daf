using Microsoft.AspNetCore.Identity;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// Identity's refusals as field errors: the key "Identity.{code}" with the values its message needs, so the host
/// translates each message once. A code without a message of ours carries Identity's own description as fallback.
/// </summary>
public static class IdentityErrors
{
    public static IReadOnlyList<FieldError> ToFields(string field, IEnumerable<IdentityError> errors, IdentityOptions options, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(options);
        return errors.Select(e => new FieldError(field, "Identity." + e.Code, e.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => [options.Password.RequiredLength],
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => [options.Password.RequiredUniqueChars],
            nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidEmail) => [email ?? ""],
            nameof(IdentityErrorDescriber.PasswordMismatch) or CommonPasswordValidator.Code => [],
            _ => [e.Description],
        })).ToList();
    }
}
