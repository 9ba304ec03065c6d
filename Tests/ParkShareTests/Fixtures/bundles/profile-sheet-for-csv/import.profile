# readings exported from the platform as CSV, the sheet named all the same
sheet = 负荷曲线
