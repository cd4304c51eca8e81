package dossier

import (
	"strconv"

	"capdo/levels"
)

// scenario is one row of the incident-response plan's scenario table.
type scenario struct{ name, signs, response string }

// Incident scenarios by what they threaten (docs/reference/law.md §13.6: scenarios, threats and likely
// incident situations of the system). Every system gets the general ones. Denial of
// service threatens a system serving the public or shared infrastructure; defacement, a
// public web presence, which of the Decree 85 Art. 6.2 types only citizen- and
// business-facing systems and "other" systems have; control-system attacks, an industrial
// control system. What a leak calls for depends on the information: a state secret is
// reported under the Law on Protection of State Secrets, private or personal information
// to the authorities and the data subjects; a system holding only public information has
// nothing to leak, but its published content can be changed without authority.
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
	secretLeak = scenario{"Lộ, lọt thông tin bí mật nhà nước",
		"Thông tin, tài liệu mật xuất hiện ngoài phạm vi được phép; truy cập, sao chép, in ấn tài liệu mật bất thường",
		"Chặn kênh lộ, lọt; xác định thông tin bí mật nhà nước bị lộ và độ mật; báo cáo ngay người đứng đầu cơ quan, đơn vị và cơ quan có thẩm quyền theo quy định của Luật Bảo vệ bí mật nhà nước; khắc phục nguyên nhân"}
	contentChange = scenario{"Thay đổi trái phép nội dung đăng tải",
		"Tin, bài, văn bản đăng tải bị sửa, xóa hoặc thêm mới không qua quy trình duyệt; cảnh báo của người sử dụng hoặc hệ thống giám sát",
		"Gỡ nội dung bị thay đổi, khôi phục nội dung đã duyệt từ bản sao lưu; khóa tài khoản biên tập liên quan; xác định nguyên nhân; đính chính thông tin sai lệch đã đăng tải"}
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

// scenarios lists the scenarios for a system, numbered: by the types and the information
// of the system and of its components (Decree 85 Art. 6), since a component facing the
// public exposes the whole system.
func scenarios(p *levels.Profile) []map[string]string {
	types, infos := map[string]bool{}, map[string]bool{}
	var walk func(*levels.Profile)
	walk = func(p *levels.Profile) {
		types[p.SystemType] = true
		for _, t := range p.InfoTypes {
			infos[t] = true
		}
		for i := range p.Components {
			walk(&p.Components[i])
		}
	}
	walk(p)
	list := []scenario{ransomware}
	if types["citizen_business"] || types["other"] || types["infrastructure"] {
		list = append(list, ddos)
	}
	if types["citizen_business"] || types["other"] {
		list = append(list, defacement)
	}
	if infos["public"] {
		list = append(list, contentChange)
	}
	if types["industrial_control"] {
		list = append(list, icsControl, icsMalware, icsLossOfView)
	}
	switch {
	case infos["state_secret"]:
		list = append(list, secretLeak)
	case infos["private"] || infos["personal"]:
		list = append(list, dataLeak)
	}
	list = append(list, intrusion, insider, outage)
	rows := make([]map[string]string, len(list))
	for i, s := range list {
		rows[i] = map[string]string{"stt": strconv.Itoa(i + 1), "name": s.name, "signs": s.signs, "response": s.response}
	}
	return rows
}
