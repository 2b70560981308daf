namespace TrainingHub.Core.Common;

/// <summary>A problem with one field of a request. <see cref="Code"/> is a message key the host translates.</summary>
public sealed record FieldError(string Field, string Code, params object[] Args);

/// <summary>What kind of refusal an error is: the host answers every kind the same way on every screen and endpoint.</summary>
public enum ErrorKind
{
    /// <summary>The request itself is wrong; the fields say what to change.</summary>
    Validation,

    /// <summary>The thing named does not exist, or lies outside the caller's scope (never told apart, so existence does not leak).</summary>
    NotFound,

    /// <summary>The caller may see the thing but may not do this to it.</summary>
    Forbidden,

    /// <summary>The request is well formed, but the thing's current state refuses it (already decided, code taken, …).</summary>
    Conflict,

    /// <summary>Too many attempts; try again later.</summary>
    RateLimited,

    /// <summary>
    /// The request is right but comes before its time: the session has not happened, the class has not ended, the window
    /// has not opened. Every such refusal is this kind (answered as a conflict), and its message says from when.
    /// </summary>
    TooEarly,
}

/// <summary>Why a use case refused, as a kind and the messages (field, key, arguments) that explain it.</summary>
public sealed record Error(ErrorKind Kind, IReadOnlyList<FieldError> Fields)
{
    /// <summary>For <see cref="ErrorKind.RateLimited"/>: how long until the caller may try again (the host's Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Error Validation(IReadOnlyList<FieldError> fields) => new(ErrorKind.Validation, fields);

    public static Error Validation(string field, string code, params object[] args) => new(ErrorKind.Validation, [new FieldError(field, code, args)]);

    public static Error NotFound(string field, string code, params object[] args) => new(ErrorKind.NotFound, [new FieldError(field, code, args)]);

    public static Error Forbidden(string field, string code, params object[] args) => new(ErrorKind.Forbidden, [new FieldError(field, code, args)]);

    public static Error Conflict(string field, string code, params object[] args) => new(ErrorKind.Conflict, [new FieldError(field, code, args)]);

    public static Error RateLimited(TimeSpan retryAfter, string field, string code, params object[] args) =>
        new(ErrorKind.RateLimited, [new FieldError(field, code, args)]) { RetryAfter = retryAfter };

    public static Error TooEarly(string field, string code, params object[] args) => new(ErrorKind.TooEarly, [new FieldError(field, code, args)]);
}

/// <summary>The outcome of a use case: a value, or the error that stopped it (and nothing was changed).</summary>
public sealed class Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    /// <summary>Why it failed; null when it succeeded.</summary>
    public Error? Error { get; }

    /// <summary>The messages of the error (none when it succeeded).</summary>
    public IReadOnlyList<FieldError> Errors => Error?.Fields ?? [];

    public bool Succeeded => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(default, error);
    }

    public static implicit operator Result<T>(Error error) => Fail(error);
}

/// <summary>One page of a list, with what is needed to draw the pager.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int TotalPages => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));

    /// <summary>Within <see cref="Paging"/>'s bounds whatever the caller passed, so the offset never overflows.</summary>
    public static (int Page, int Size) Clamp(int page, int size) => (Math.Clamp(page, 1, Paging.MaxPage), Math.Clamp(size, 1, Paging.MaxPageSize));
}

/// <summary>
/// The bounds of every list: page numbers from 1 to <see cref="MaxPage"/>, page sizes from 1 to <see cref="MaxPageSize"/>.
/// The host refuses a request outside them (400 naming the parameter); use cases clamp to them for any other caller.
/// </summary>
public static class Paging
{
    public const int MaxPage = 1_000_000;
    public const int MaxPageSize = 200;
}
