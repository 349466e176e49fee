# Baseline for bench/import: read an arrests workbook with readxl and compute the daily table by AOR and criminality with dplyr.
suppressMessages({library(readxl); library(dplyr)})
args <- commandArgs(trailingOnly=TRUE)
t0 <- Sys.time()
sheets <- excel_sheets(args[1])
parts <- lapply(sheets, function(s) read_excel(args[1], sheet=s, skip=6, col_types="text", progress=FALSE))
df <- bind_rows(parts)
out <- df %>% filter(grepl("^[0-9.]+$", `Apprehension Date`)) %>%
  mutate(date = as.Date(floor(as.numeric(`Apprehension Date`) + 1e-9), origin="1899-12-30"),
         aor = trimws(sub(" Area of Responsibility\\s*$", "", `Apprehension AOR`)),
         aor = ifelse(is.na(aor) | aor == "", "Unknown", aor),
         criminality = case_when(grepl("^1", `Apprehension Criminality`) ~ "convicted",
                                 grepl("^2", `Apprehension Criminality`) ~ "pending", TRUE ~ "other")) %>%
  count(date, aor, criminality, name="arrests") %>% arrange(date, aor, criminality)
write.csv(out, args[2], row.names=FALSE, quote=FALSE)
cat(nrow(out), "groups", format(Sys.time()-t0), "\n")
