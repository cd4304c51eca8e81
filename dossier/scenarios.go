package dossier

import "strconv"

// scenario is one row of the incident-response plan's scenario table.
type scenario struct{ name, signs, response string }

// Incident scenarios by the kind of system they threaten. Every system gets the general
// ones; attacks on a public website (denial of service, defacement) only a system with a
// public web presence, which Decree 85 Art. 6.2 types leave internal and industrial
// control systems without; control-system attacks only an industrial control system.
var (
	ransomware = scenario{"Mã độc, mã hóa dữ liệu đòi tiền chuộc",
		"Tệp bị mã hóa, đổi đuôi; cảnh báo từ phần mềm phòng chống mã độc; tài nguyên tăng bất thường",
		"Cô lập máy bị nhiễm khỏi mạng; xác định phạm vi lây nhiễm; gỡ bỏ mã độc; khôi phục từ bản sao lưu sạch; đổi mật khẩu liên quan"}
	ddos = scenario{"Tấn công từ chối dịch vụ (DDoS)",
		"Lưu lượng tăng đột biến; dịch vụ chậm hoặc không truy cập được",
		"Kích hoạt lọc lưu lượng, phối hợp nhà cung cấp đường truyền; chuyển hướng sang hạ tầng dự phòng; ưu tiên duy trì chức năng chính"}
	defacement = scenario{"Tấn công thay đổi giao diện trang thông tin điện tử",
		"Nội dung trang bị thay đổi; cảnh báo của hệ thống giám sát",
		"Tạm ngừng trang bị tấn công, hiển thị thông báo bảo trì; khôi phục từ bản sao lưu; vá lỗ hổng trước khi mở lại"}
	dataLeak = scenario{"Lộ, lọt, rò rỉ dữ liệu",
		"Dữ liệu xuất hiện bên ngoài; truy vấn, tải dữ liệu bất thường",
		"Chặn kênh rò rỉ; xác định dữ liệu bị lộ; thông báo cơ quan chức năng và chủ thể dữ liệu theo quy định; khắc phục nguyên nhân"}
	intrusion = scenario{"Xâm nhập trái phép, chiếm quyền quản trị",
		"Tài khoản lạ, đăng nhập bất thường; thay đổi cấu hình không rõ nguồn gốc",
		"Khóa tài khoản bị chiếm; thu thập nhật ký, chứng cứ; rà soát, loại bỏ cửa hậu; đổi toàn bộ thông tin xác thực quản trị"}
	insider = scenario{"Người trong nội bộ lạm dụng quyền truy cập, làm lộ hoặc phá hoại dữ liệu",
		"Truy cập, sao chép dữ liệu ngoài phạm vi công việc; thao tác ngoài giờ; xóa, sửa dữ liệu không rõ lý do",
		"Thu hồi hoặc hạn chế quyền của tài khoản liên quan; thu thập nhật ký, chứng cứ; khôi phục dữ liệu; xử lý theo quy chế của cơ quan, đơn vị"}
	icsControl = scenario{"Tấn công vào hệ thống điều khiển (thay đổi tham số, lệnh điều khiển)",
		"Tham số vận hành bất thường; lệnh điều khiển không do người vận hành phát ra",
		"Chuyển sang chế độ điều khiển tại chỗ hoặc thủ công an toàn; cô lập mạng điều khiển khỏi mạng khác; phối hợp đơn vị vận hành công trình"}
	icsMalware = scenario{"Mã độc xâm nhập mạng điều khiển qua máy trạm kỹ thuật, thiết bị lưu trữ di động hoặc kết nối bảo trì từ xa",
		"Máy trạm, máy chủ giám sát (HMI, SCADA) hoạt động bất thường; kết nối lạ tới bộ điều khiển (PLC, RTU)",
		"Ngắt kết nối bảo trì từ xa; cô lập máy bị nhiễm; kiểm tra chương trình và cấu hình bộ điều khiển so với bản gốc; khôi phục từ bản sao lưu đã kiểm tra"}
	icsLossOfView = scenario{"Mất khả năng giám sát hoặc điều khiển từ trung tâm điều khiển",
		"Màn hình giám sát không cập nhật; mất kết nối tới trạm, thiết bị hiện trường",
		"Chuyển sang vận hành tại chỗ theo quy trình an toàn; chuyển sang kênh truyền, trung tâm điều khiển dự phòng; xác định nguyên nhân trước khi kết nối lại"}
	outage = scenario{"Gián đoạn do hỏng hóc thiết bị, mất điện, đứt đường truyền",
		"Thiết bị, dịch vụ ngừng hoạt động; cảnh báo từ hệ thống giám sát hạ tầng",
		"Chuyển sang thiết bị, đường truyền dự phòng; sửa chữa, thay thế; khôi phục dữ liệu nếu cần"}
)

// scenarios lists the scenarios for a system type (Decree 85 Art. 6.2), numbered.
func scenarios(systemType string) []map[string]string {
	list := []scenario{ransomware}
	switch systemType {
	case "citizen_business", "other", "infrastructure":
		list = append(list, ddos, defacement)
	case "industrial_control":
		list = append(list, icsControl, icsMalware, icsLossOfView)
	}
	list = append(list, dataLeak, intrusion, insider, outage)
	rows := make([]map[string]string, len(list))
	for i, s := range list {
		rows[i] = map[string]string{"stt": strconv.Itoa(i + 1), "name": s.name, "signs": s.signs, "response": s.response}
	}
	return rows
}
