# Baseline for bench/import: read the three columns it needs of an arrests CSV with data.table::fread
# (select=) and compute the daily table by AOR and criminality.
suppressMessages(library(data.table))
args <- commandArgs(trailingOnly=TRUE)
t0 <- Sys.time()
dt <- fread(args[1], skip="Apprehension Date", sep=",", colClasses="character", fill=TRUE, showProgress=FALSE,
            select=c("Apprehension Date", "Apprehension AOR", "Apprehension Criminality"))
dt <- dt[grepl("^[0-9]{4}-", `Apprehension Date`)]
dt[, date := substr(`Apprehension Date`, 1, 10)]
dt[, aor := trimws(sub(" Area of Responsibility\\s*$", "", `Apprehension AOR`))]
dt[aor == "", aor := "Unknown"]
dt[, criminality := fcase(grepl("^1", `Apprehension Criminality`), "convicted", grepl("^2", `Apprehension Criminality`), "pending", default="other")]
out <- dt[, .(arrests=.N), by=.(date, aor, criminality)][order(date, aor, criminality)]
fwrite(out, args[2])
cat(nrow(out), "groups", format(Sys.time()-t0), "\n")
