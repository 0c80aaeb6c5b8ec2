using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.ActionPlans.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportApplyOfDryRun : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DryRunId",
                table: "ImportJobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RowsTotal",
                table: "ImportJobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportJobs_DryRunId",
                table: "ImportJobs",
                column: "DryRunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportJobs_DryRunId",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "DryRunId",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "RowsTotal",
                table: "ImportJobs");
        }
    }
}
