namespace TrainingHub.Core.Common;

/// <summary>A problem with one field of a request. <see cref="Code"/> is a message key the host translates.</summary>
public sealed record FieldError(string Field, string Code, params object[] Args);

/// <summary>The outcome of a use case: a value, or the field errors that stopped it (and nothing was changed).</summary>
public sealed class Result<T>
{
    private Result(T? value, IReadOnlyList<FieldError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<FieldError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static Result<T> Ok(T value) => new(value, []);

    public static Result<T> Fail(IReadOnlyList<FieldError> errors) => new(default, errors);

    public static Result<T> Fail(string field, string code, params object[] args) => new(default, [new FieldError(field, code, args)]);
}

/// <summary>One page of a list, with what is needed to draw the pager.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int TotalPages => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));

    public static (int Page, int Size) Clamp(int page, int size) => (Math.Max(1, page), Math.Clamp(size, 1, 200));
}
