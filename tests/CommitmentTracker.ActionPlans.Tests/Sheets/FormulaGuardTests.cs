using CommitmentTracker.ActionPlans.Sheets;

namespace CommitmentTracker.ActionPlans.Tests.Sheets;

public sealed class FormulaGuardTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("'=x", "''=x")]
    [InlineData("\t=HYPERLINK(\"http://evil\")", "'\t=HYPERLINK(\"http://evil\")")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("\t@SUM(A1)", "'\t@SUM(A1)")]
    [InlineData("Open data", "Open data")]
    [InlineData("'quoted'", "'quoted'")]
    [InlineData("", "")]
    public void Neutralizes_what_a_spreadsheet_would_run(string value, string exported) =>
        Assert.Equal(exported, FormulaGuard.Neutralize(value));

    [Theory]
    [InlineData("=1+1")]
    [InlineData("'=1+1")]
    [InlineData("''-3")]
    [InlineData("\t=1+1")]
    [InlineData("'\r+1")]
    [InlineData("- bullet point")]
    [InlineData("'plain")]
    [InlineData("'")]
    [InlineData("plain")]
    public void Restore_undoes_neutralize_for_every_value(string value) =>
        Assert.Equal(value, FormulaGuard.Restore(FormulaGuard.Neutralize(value)));
}
