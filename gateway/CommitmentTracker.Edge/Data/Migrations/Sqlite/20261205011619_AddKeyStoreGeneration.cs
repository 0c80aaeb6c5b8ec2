using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.Edge.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddKeyStoreGeneration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "KeyStoreGenerations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Revocations = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyStoreGenerations", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "KeyStoreGenerations",
                columns: new[] { "Id", "Revocations" },
                values: new object[] { 1, 0L });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KeyStoreGenerations");
        }
    }
}
