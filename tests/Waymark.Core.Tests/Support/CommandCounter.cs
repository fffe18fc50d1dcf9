using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Waymark.Core.Tests.Support;

/// <summary>Counts the queries a context sends, to check a read is a fixed number of round trips (no N+1).</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    public int Commands { get; private set; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Commands++;
        return ValueTask.FromResult(result);
    }
}
