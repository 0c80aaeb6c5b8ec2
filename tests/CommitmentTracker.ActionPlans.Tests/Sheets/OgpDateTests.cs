using CommitmentTracker.ActionPlans.Sheets;

namespace CommitmentTracker.ActionPlans.Tests.Sheets;

public sealed class OgpDateTests
{
    [Theory]
    [InlineData("1/1/2018", 2018, 1, 1, "Day")]
    [InlineData("12/31/2021", 2021, 12, 31, "Day")]
    [InlineData("31/12/2016", 2016, 12, 31, "Day")]
    [InlineData("11/1/18", 2018, 11, 1, "Day")]
    [InlineData("April 2012", 2012, 4, 1, "Month")]
    [InlineData("Dec 2014", 2014, 12, 1, "Month")]
    [InlineData("Quarter 1 2019", 2019, 1, 1, "Quarter")]
    [InlineData("Q3 2020", 2020, 7, 1, "Quarter")]
    [InlineData("2019", 2019, 1, 1, "Year")]
    [InlineData("2019-03-05", 2019, 3, 5, "Day")]
    public void Reads_the_sheets_date_forms(string raw, int year, int month, int day, string precision) =>
        Assert.Equal(new ParsedDate(new DateOnly(year, month, day), Enum.Parse<DatePrecision>(precision)), OgpDate.Parse(raw));

    [Theory]
    [InlineData("NA")]
    [InlineData("ND")]
    [InlineData("NR")]
    [InlineData("")]
    [InlineData("ongoing")]
    [InlineData("2/30/2020")]
    [InlineData("Quarter 5 2019")]
    [InlineData("13/13/2020")]
    public void Leaves_states_and_impossible_dates_unparsed(string raw) => Assert.Null(OgpDate.Parse(raw));

    [Fact]
    public void A_day_first_date_makes_its_row_partner_day_first_too()
    {
        var (start, end) = OgpDate.ParsePair("1/3/2015", "31/12/2016");

        Assert.Equal(new DateOnly(2015, 3, 1), start!.Value.Date);
        Assert.Equal(new DateOnly(2016, 12, 31), end!.Value.Date);
        Assert.Equal(new DateOnly(2015, 1, 3), OgpDate.ParsePair("1/3/2015", "12/31/2016").Start!.Value.Date);
    }
}
